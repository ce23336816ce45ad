import type { Database } from "./database.js";
import { GroupWriter, lastPerKey } from "./group-commit.js";
import type { ProcessLiveness } from "./liveness.js";

/** One `putResponse` call, serialised. */
export interface PutResponse {
  id: string;
  body: string;
  /** Whether the response is queued or in progress (it then records this process as owner). */
  unfinished: boolean;
}

/** One `putInputItems` call, serialised. */
export interface PutInputItems {
  responseId: string;
  /** Each item's JSON, in order. */
  bodies: string[];
  ids: Array<string | null>;
}

/** One `putFinished` call, serialised: a finished response and its input items. */
export interface PutFinished {
  id: string;
  body: string;
  items: PutInputItems;
}

/** One `appendEvents` call, serialised. */
export interface Append {
  responseId: string;
  sequenceNumbers: number[];
  /** Each event's JSON. */
  events: string[];
  /** The response's JSON, when it is to be replaced too. */
  response: string | undefined;
  /** Whether that response is queued or in progress (it then records this process as owner). */
  unfinished: boolean;
}

/**
 * The response store's writes, each kind group-committed (`GroupWriter`): a streamed or background
 * create makes three writes (the response, its input items, then batches of events), a plain stored
 * create one (`finished`), and under load each is one statement for all the requests that wrote
 * meanwhile instead of one per request. PGlite runs statements one at a time on its only
 * connection, where a statement's fixed cost (about half a millisecond) dominated a request's; a
 * busy Postgres gains the same way.
 *
 * Rows are matched by position with unnest/json_array_elements WITH ORDINALITY (subscripting an
 * array per row would be quadratic), ids come from JS (extracting them in SQL with ->> fails on
 * text holding \u0000), and JSON stays `json` text throughout, which keeps key order.
 */
export function groupWriters(db: Database, s: string, liveness: ProcessLiveness) {
  // Two batches in flight, so that one gathers and goes out while the other is written: Postgres
  // runs them on two connections; PGlite, on its own thread, one after the other, but without
  // waiting for the server's thread to hand over the next (measured: 0.40 → 0.56 of the unstored
  // rate in pglite-create, where one batch at a time left both threads half idle).
  const writers = 2;
  const ownerKeys = async (unfinished: boolean[]) => {
    // As a single write did: a response written unfinished records this process as its owner.
    if (unfinished.some(Boolean)) await liveness.register();
    return unfinished.map((u) => (u ? liveness.key : null));
  };

  const responses = new GroupWriter<PutResponse>(async (batch) => {
    // One row per id (ON CONFLICT may not touch a row twice); the last write wins.
    const latest = [...lastPerKey(batch, (put) => put.id).values()];
    await db.query(
      `INSERT INTO ${s}.responses (id, body, owner_key)
       SELECT k.id, b.body, k.owner_key
       FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS k (id, owner_key, ord)
       JOIN json_array_elements($3::json) WITH ORDINALITY AS b (body, ord) USING (ord)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body, owner_key = excluded.owner_key, updated_at = now()`,
      [
        latest.map((put) => put.id),
        await ownerKeys(latest.map((put) => put.unfinished)),
        `[${latest.map((put) => put.body).join(",")}]`,
      ],
    );
  }, writers);

  const items = new GroupWriter<PutInputItems>(async (batch) => {
    // Positions past each new list are deleted, the others inserted or replaced, for existing
    // responses only. A concurrent delete of a response either waits for this statement (the
    // foreign key check locks the response row) and then removes the items, or commits first and
    // fails the check: then `GroupWriter` writes the batch one by one, and nothing is stored for it.
    const latest = [...lastPerKey(batch, (put) => put.responseId).values()];
    await db.query(
      `WITH ${replaceItems(s, `WHERE k.response_id IN (SELECT id FROM ${s}.responses WHERE id = ANY($1::text[]))`)}`,
      itemParams(latest),
    );
  }, writers);

  /**
   * The responses given are replaced (only those whose text changed: a milestone may leave one as
   * the last write did), with their owner set as `putResponse` sets it, and the events inserted,
   * for existing responses only. A response has at most one append in flight, since its caller
   * awaits each, so its events keep their order and concurrent statements never touch the same
   * response row.
   */
  const events = new GroupWriter<Append>(async (batch) => {
    const eventIds: string[] = [];
    const sequenceNumbers: number[] = [];
    const bodies: string[] = [];
    for (const append of batch) {
      for (let i = 0; i < append.events.length; i++) {
        eventIds.push(append.responseId);
        sequenceNumbers.push(append.sequenceNumbers[i]!);
        bodies.push(append.events[i]!);
      }
    }
    const replaced = [
      ...lastPerKey(
        batch.filter((append) => append.response !== undefined),
        (append) => append.responseId,
      ).values(),
    ];
    await db.query(
      // Responses are looked up by `id = ANY(…)`, which stays an index scan whatever plan a
      // prepared statement settles on.
      `WITH updated AS (
         UPDATE ${s}.responses AS r SET body = u.body, updated_at = now(),
           owner_key = k.owner_key
         FROM unnest($4::text[], $6::bigint[]) WITH ORDINALITY AS k (id, owner_key, ord)
         JOIN json_array_elements($5::json) WITH ORDINALITY AS u (body, ord) USING (ord)
         WHERE r.id = ANY($4::text[]) AND r.id = k.id AND r.body::text IS DISTINCT FROM u.body::text
       )
       INSERT INTO ${s}.response_events (response_id, sequence_number, body)
       SELECT k.id, k.sequence_number, e.body
       FROM unnest($1::text[], $2::integer[]) WITH ORDINALITY AS k (id, sequence_number, ord)
       JOIN json_array_elements($3::json) WITH ORDINALITY AS e (body, ord) USING (ord)
       WHERE k.id IN (SELECT id FROM ${s}.responses WHERE id = ANY($1::text[]))
       ON CONFLICT DO NOTHING`,
      [
        eventIds,
        sequenceNumbers,
        `[${bodies.join(",")}]`,
        replaced.map((append) => append.responseId),
        `[${replaced.map((append) => append.response).join(",")}]`,
        await ownerKeys(replaced.map((append) => append.unfinished)),
      ],
    );
  }, writers);

  /**
   * Finished responses with their input items (`putFinished`), both in one statement: the items'
   * foreign key is checked at the statement's end, when the responses are in. The responses are
   * new, so these are plain inserts (neither ON CONFLICT nor deleting old items: a third of the
   * statement's cost on PGlite). A finished response records no owner.
   */
  const finished = new GroupWriter<PutFinished>(async (batch) => {
    const items = itemParams(batch.map((put) => put.items));
    await db.query(
      `WITH stored AS (
         INSERT INTO ${s}.responses (id, body)
         SELECT k.id, b.body
         FROM unnest($1::text[]) WITH ORDINALITY AS k (id, ord)
         JOIN json_array_elements($2::json) WITH ORDINALITY AS b (body, ord) USING (ord)
       )
       INSERT INTO ${s}.response_input_items (response_id, position, item_id, body)
       SELECT k.response_id, k.position, k.item_id, e.body
       FROM unnest($3::text[], $4::integer[], $5::text[]) WITH ORDINALITY AS k (response_id, position, item_id, ord)
       JOIN json_array_elements($6::json) WITH ORDINALITY AS e (body, ord) USING (ord)`,
      // The rows' four columns; the lists and lengths `replaceItems` takes first are not needed for new responses.
      [batch.map((put) => put.id), `[${batch.map((put) => put.body).join(",")}]`, ...items.slice(2)],
    );
  }, writers);

  return { responses, items, events, finished };
}

/**
 * The end of a statement that replaces the input item lists of the responses `$1` (`itemParams`
 * gives `$1`–`$6`): positions past each list's new length (`$2`) are deleted, the rows `$3`–`$6`
 * inserted or replaced; `where` filters the rows inserted.
 */
function replaceItems(s: string, where = ""): string {
  return `removed AS (
      DELETE FROM ${s}.response_input_items AS d
      USING unnest($1::text[], $2::integer[]) AS l (response_id, length)
      WHERE d.response_id = l.response_id AND d.position >= l.length
    )
    INSERT INTO ${s}.response_input_items (response_id, position, item_id, body)
    SELECT k.response_id, k.position, k.item_id, e.body
    FROM unnest($3::text[], $4::integer[], $5::text[]) WITH ORDINALITY AS k (response_id, position, item_id, ord)
    JOIN json_array_elements($6::json) WITH ORDINALITY AS e (body, ord) USING (ord)
    ${where}
    ON CONFLICT (response_id, position) DO UPDATE SET item_id = excluded.item_id, body = excluded.body`;
}

/** The parameters of `replaceItems` for these lists: the responses, their lengths, then the rows' columns. */
function itemParams(puts: PutInputItems[]): unknown[] {
  const responseIds: string[] = [];
  const positions: number[] = [];
  const itemIds: Array<string | null> = [];
  const bodies: string[] = [];
  for (const put of puts) {
    for (let i = 0; i < put.bodies.length; i++) {
      responseIds.push(put.responseId);
      positions.push(i);
      itemIds.push(put.ids[i] ?? null);
      bodies.push(put.bodies[i]!);
    }
  }
  return [
    puts.map((put) => put.responseId),
    puts.map((put) => put.bodies.length),
    responseIds,
    positions,
    itemIds,
    `[${bodies.join(",")}]`,
  ];
}
