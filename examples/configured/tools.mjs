// The --tool-registry of assistant.yaml: ServerTool implementations by name.
export default {
  celsius_to_fahrenheit: ({ celsius }) => (celsius * 9) / 5 + 32,
};
