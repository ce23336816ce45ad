const t0 = performance.now();
const { serve, resolveServeOptions } = await import("./dist/index.js");
const t1 = performance.now();
const running = await serve(resolveServeOptions({ port: "0", host: "127.0.0.1", dataDir: process.argv[2] }));
const t2 = performance.now();
console.error(`uptime-at-script ${(process.uptime()*1000 - t2).toFixed(0)} import ${(t1-t0).toFixed(0)} serve ${(t2-t1).toFixed(0)} cpu ${(process.cpuUsage().user/1000 + process.cpuUsage().system/1000).toFixed(0)}`);
await running.close();
