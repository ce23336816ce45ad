// The store contract for stores shared by several processes (SQL only): one store per process on the same data.
import type { SessionKey } from "@switchboard/core";
import { describe, expect, it } from "vitest";
import { type AgentEvent, type ContractContext, delta, eventually, response, run, sleep, tick } from "./fixtures.js";

export function sharedContract({ open, peer }: ContractContext): void {
  describe("shared by several stores (processes, for a server)", () => {
    it("delivers bus messages to subscribers in another process, in order, large ones included", async () => {
      const a = await open();
      const b = await peer(a);
      const got: unknown[] = [];
      await b.bus.subscribe("workflows:w1", (m) => got.push(m));
      await a.bus.publish("workflows:w1", { n: 1 });
      await a.bus.publish("workflows:w1", { n: 2, big: "y".repeat(10_000) });
      await a.bus.publish("workflows:w1", { n: 3 });
      await eventually(() => got.length === 3);
      expect(got.map((m) => (m as { n: number }).n)).toEqual([1, 2, 3]);
    });

    it("reads in one process the stream log another one writes", async () => {
      const a = await open();
      const b = await peer(a);
      const key = { agent: "slow", id: "shared", session: "default" };
      await a.sessions.appendStreamEvents("s_shared", key, 0, [tick(1), tick(2)], { ended: false, keepMs: 60_000 });
      expect(await b.sessions.readStreamEvents("s_shared", 0)).toEqual({
        key,
        events: [tick(2)],
        length: 2,
        ended: false,
        abandoned: false,
      });
      await a.sessions.appendStreamEvents("s_shared", key, 2, [{ type: "idle" } as AgentEvent], {
        ended: true,
        keepMs: 60_000,
      });
      expect(await b.sessions.readStreamEvents("s_shared", 1)).toMatchObject({
        events: [{ type: "idle" }],
        ended: true,
      });
    });

    it("delivers every one of many messages published at once, in publishing order per topic", async () => {
      const a = await open();
      const b = await peer(a);
      const got: Record<string, number[]> = { "t:x": [], "t:y": [], "t:z": [] };
      for (const topic of Object.keys(got))
        await b.bus.subscribe(topic, (m) => got[topic]!.push((m as { n: number }).n));
      // Published together they share NOTIFYs; a payload holds ~7 kB, so 300 of them take several.
      const sent = Array.from({ length: 300 }, (_, n) => ({ topic: ["t:x", "t:y", "t:z"][n % 3]!, n }));
      await Promise.all(sent.map(({ topic, n }) => a.bus.publish(topic, { n, pad: "p".repeat(60) })));
      await a.bus.publish("t:x", { n: 300, big: "y".repeat(10_000) });
      await eventually(() => got["t:x"]!.length + got["t:y"]!.length + got["t:z"]!.length === 301);
      expect(got["t:x"]).toEqual([...sent.filter((m) => m.topic === "t:x").map((m) => m.n), 300]);
      expect(got["t:y"]).toEqual(sent.filter((m) => m.topic === "t:y").map((m) => m.n));
      expect(got["t:z"]).toEqual(sent.filter((m) => m.topic === "t:z").map((m) => m.n));
    });

    it("holds a session lock against another process and hands it over on release", async () => {
      const a = await open();
      const b = await peer(a);
      const key = { agent: "echo", id: "shared", session: "default" };
      const held = await a.sessions.lock(key, { wait: false });
      expect(held).toBeDefined();
      expect(await b.sessions.lock(key, { wait: false })).toBeUndefined();
      let taken = false;
      const waiting = b.sessions.lock(key, { wait: true }).then((lock) => {
        taken = true;
        return lock!;
      });
      await sleep(100);
      expect(taken).toBe(false);
      await held!.release();
      const lock = await waiting;
      expect(await a.sessions.lock(key, { wait: false })).toBeUndefined();
      await lock.release();
    });

    it("reports a stream log abandoned once its writer's process went away, until it is ended", async () => {
      const a = await open();
      const b = await peer(a);
      const key: SessionKey = { agent: "slow", id: "crash", session: "s" };
      const keep = { ended: false, keepMs: 60_000 };
      await b.sessions.appendStreamEvents("s_dies", key, 0, [tick(1)], keep);
      await b.sessions.appendStreamEvents("s_ends", key, 0, [tick(1)], { ended: true, keepMs: 60_000 });
      expect(await a.sessions.readStreamEvents("s_dies", -1)).toMatchObject({ ended: false, abandoned: false });
      await b.close();
      await eventually(async () => (await a.sessions.readStreamEvents("s_dies", -1))?.abandoned === true);
      expect(await a.sessions.readStreamEvents("s_ends", -1)).toMatchObject({ ended: true, abandoned: false });
      // Whoever ends it for the dead writer makes it an ordinary ended log.
      await a.sessions.appendStreamEvents("s_dies", key, 1, [tick(1)], { ended: true, keepMs: 60_000 });
      expect(await a.sessions.readStreamEvents("s_dies", -1)).toMatchObject({
        length: 2,
        ended: true,
        abandoned: false,
      });
    });

    it("lets exactly one process take over an unfinished response once its process went away", async () => {
      const a = await open();
      const b = await peer(a);
      const c = await peer(a);
      await b.responses.putResponse(response("resp_orphan", { status: "queued" }));
      await b.responses.putResponse(response("resp_orphan", { status: "in_progress" }));
      await b.responses.putResponse(response("resp_finished", { status: "in_progress" }));
      await b.responses.putResponse(response("resp_finished", { status: "failed" }));
      // Its process is alive: nobody may conclude it.
      expect(await a.responses.takeOver("resp_orphan")).toBe(false);
      await b.close();
      let winners: boolean[] = [];
      await eventually(async () => {
        winners = await Promise.all([a.responses.takeOver("resp_orphan"), c.responses.takeOver("resp_orphan")]);
        return winners.includes(true);
      });
      expect(winners.filter(Boolean)).toHaveLength(1);
      // The winner now holds it, alive: no further takeover, by anyone.
      expect(await a.responses.takeOver("resp_orphan")).toBe(false);
      expect(await c.responses.takeOver("resp_orphan")).toBe(false);
      expect(await a.responses.takeOver("resp_finished")).toBe(false);
      // A response the winner put back unfinished is its own again; finished, it has no owner.
      const winner = winners[0] ? a : c;
      await winner.responses.putResponse(response("resp_orphan", { status: "cancelled" }));
      expect(await a.responses.takeOver("resp_orphan")).toBe(false);
      expect((await c.responses.getResponse("resp_orphan"))?.status).toBe("cancelled");
    });

    it("records as owner the process whose appendEvents last wrote the response unfinished", async () => {
      const a = await open();
      const b = await peer(a);
      await a.responses.putResponse(response("resp_moved", { status: "in_progress" }));
      await a.responses.putResponse(response("resp_ended", { status: "in_progress" }));
      // b's milestone writes make it the owner of one and leave the other finished, without owner.
      await b.responses.appendEvents(
        "resp_moved",
        [delta(0, "b")],
        response("resp_moved", { status: "in_progress", metadata: { by: "b" } }),
      );
      await b.responses.appendEvents("resp_ended", [delta(0, "b")], response("resp_ended", { status: "completed" }));
      expect(await a.responses.takeOver("resp_moved")).toBe(false);
      await b.close();
      await eventually(() => a.responses.takeOver("resp_moved"));
      expect(await a.responses.takeOver("resp_ended")).toBe(false);
      expect((await a.responses.getResponse("resp_ended"))?.status).toBe("completed");
    });

    it("releases the locks of a process that goes away", async () => {
      const a = await open();
      const b = await peer(a);
      const key = { agent: "echo", id: "crash", session: "default" };
      expect(await b.sessions.lock(key, { wait: false })).toBeDefined();
      expect(await a.sessions.lock(key, { wait: false })).toBeUndefined();
      await b.close();
      const lock = await a.sessions.lock(key, { wait: false });
      expect(lock).toBeDefined();
      await lock!.release();
    });

    it("takes over at once the claims of a store that went away, with the attempt counted", async () => {
      const slow = { visibilityTimeoutMs: 60_000 };
      const a = await open({ dispatch: slow });
      const b = await peer(a, { dispatch: slow });
      await a.dispatch.enqueue({ dispatchId: "orphan", agent: "e", id: "i", session: "s", input: null });
      const lost = await b.dispatch.claim();
      expect(lost).toMatchObject({ dispatchId: "orphan", attempts: 1 });
      expect(await a.dispatch.claim()).toBeUndefined();
      await b.close();
      const taken = await a.dispatch.claim();
      expect(taken).toMatchObject({ dispatchId: "orphan", attempts: 2 });
      expect(await a.dispatch.complete(taken!)).toBe(true);
    });

    it("hands over at once the workflow runs of a store that went away", async () => {
      const a = await open();
      const b = await peer(a);
      const uuid = "88888888-0000-4000-8000-000000000001";
      await a.workflows.createRun(run(uuid, { status: "running" }));
      expect(await b.workflows.claimRun(uuid, "B", 60_000)).toBe(true);
      expect(await a.workflows.claimRun(uuid, "A", 60_000)).toBe(false);
      await b.close();
      expect(await a.workflows.claimRun(uuid, "A", 60_000)).toBe(true);
    });

    it("shares data and dispatch records: each record is claimed by one process", async () => {
      const a = await open();
      const b = await peer(a);
      await a.responses.putResponse(response("resp_shared"));
      expect(await b.responses.getResponse("resp_shared")).toEqual(response("resp_shared"));
      let woken = false;
      await b.dispatch.onAvailable(() => {
        woken = true;
      });
      for (let n = 0; n < 10; n++)
        await a.dispatch.enqueue({ dispatchId: `s${n}`, agent: "e", id: "i", session: "s", input: n });
      await eventually(() => woken);
      const claims = await Promise.all(Array.from({ length: 12 }, (_, n) => (n % 2 ? a : b).dispatch.claim()));
      const ids = claims.filter((c) => c !== undefined).map((c) => c!.dispatchId);
      expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, n) => `s${n}`).sort());
    });
  });
}
