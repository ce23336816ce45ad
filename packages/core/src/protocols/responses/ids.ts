import { randomFillSync } from "node:crypto";

// Random bytes are drawn 4 KiB at a time (as Node does for randomUUID): a `randomBytes(16)` per id
// costs a trip to the CSPRNG each time, a measurable share of a short request.
const POOL_BYTES = 4096;
const ID_BYTES = 16;
let pool = Buffer.alloc(0);
let offset = 0;

/** Ids in OpenAI's `<prefix>_<random>` form: 128 random bits, hex. */
export function newId(prefix: "resp" | "msg" | "fc" | "fco" | "call" | "rs" | "cmp" | "conv"): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const id = pool.toString("hex", offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `${prefix}_${id}`;
}

/** Integer Unix seconds, the unit of every Responses timestamp. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
