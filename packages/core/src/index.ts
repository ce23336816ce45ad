export * from "./app.js";
export * from "./fetch.js";
export * from "./http/read-json.js";
export * from "./http/response.js";
export * from "./http/router.js";
export * from "./http/types.js";
export * from "./protocol-module.js";
export * from "./ws/types.js";
