import { randomBytes } from "node:crypto";

/** Ids in OpenAI's `<prefix>_<random>` form. */
export function newId(prefix: "resp" | "msg" | "fc" | "fco" | "call"): string {
  return `${prefix}_${randomBytes(16).toString("hex")}`;
}

/** Integer Unix seconds, the unit of every Responses timestamp. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
