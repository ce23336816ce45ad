import type { CoreRequest } from "../../http/types.js";
import type { InputItemsCursor } from "../../store/responses.js";
import { integerQuery } from "./checks.js";
import { ResponsesApiError } from "./errors.js";

/** The cursor of a list route (`limit` 1–100, default 20; `order` asc or desc, default desc; `after`). */
export function listQuery(req: CoreRequest): InputItemsCursor {
  const limit = integerQuery(req, "limit", 1, 100) ?? 20;
  const order = req.query.get("order") ?? "desc";
  if (order !== "asc" && order !== "desc") {
    throw new ResponsesApiError(400, "invalid_value", "order must be 'asc' or 'desc'.", "order");
  }
  const after = req.query.get("after") ?? undefined;
  return after === undefined ? { limit, order } : { limit, order, after };
}
