/**
 * Child process of bench/store-cpu.ts: the service as `npm start` runs it (the local server and
 * the api/ functions), on the store its environment names, alone in its process so that the CPU
 * it reports is the server's own. Started with an IPC channel and the service's environment; it
 * runs one full-day refresh (clock at the fixtures' day), starts the server on a free port and
 * sends `{ type: "ready", url, published }`, then answers `{ id, op: "cpu" }` with
 * `{ id, cpu }` (process.cpuUsage, µs) and `{ id, op: "stop" }` by exiting.
 */
import { clockStartingAt, setClock } from "../lib/clock.js";
import { getSettings } from "../lib/config/settings.js";
import { runRefresh } from "../lib/refresh/run-refresh.js";
import { startLocalServer } from "../lib/server/local-server.js";
import { getStore, resetStore } from "../lib/store/instance.js";
import { FIXTURE_NOW } from "../tests/helpers/fixtures.js";

interface Command {
  id: number;
  op: "cpu" | "stop";
}

export type ServerMessage =
  | { type: "ready"; url: string; published: string[] }
  | { type: "failed"; reason: string }
  | { id: number; cpu?: NodeJS.CpuUsage };

const send = (message: ServerMessage) => process.send?.(message);

if (!process.send) {
  console.error("usage: started by bench/store-cpu.ts with an IPC channel");
  process.exit(2);
}

setClock(clockStartingAt(FIXTURE_NOW));
const outcome = await runRefresh({ settings: getSettings(), store: getStore(), log: () => {} });
if (outcome.status !== "done") {
  send({ type: "failed", reason: outcome.reason });
  process.exit(1);
}
const server = await startLocalServer({ port: 0 });

process.on("message", (message: Command) => {
  if (message.op === "cpu") send({ id: message.id, cpu: process.cpuUsage() });
  if (message.op === "stop")
    void server
      .close()
      .then(resetStore)
      .finally(() => {
        send({ id: message.id });
        process.disconnect?.();
        process.exit(0);
      });
});
// The parent went away without stopping us: do not linger.
process.on("disconnect", () => process.exit(0));
send({ type: "ready", url: server.url, published: outcome.published });
