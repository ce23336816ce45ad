// The --tool-registry of the pyagentspec test: ServerTool implementations by name.
export default {
  add: ({ a, b }) => a + b,
};
