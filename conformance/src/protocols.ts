/** The three wire protocols a server can be checked against. */
export type Protocol = "responses" | "agents" | "workflows";
export const PROTOCOLS: readonly Protocol[] = ["responses", "agents", "workflows"];
