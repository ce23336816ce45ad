// A worker-tool implementation written in TypeScript, to check that workers can load it.
export function square({ n }: { n: number }): number {
  return n * n;
}
