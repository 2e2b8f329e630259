/**
 * Child process hosting the loopback Upstash REST endpoint (tests/helpers/upstash-rest-server.ts)
 * in front of a real redis-server, so its work does not share the measured server's event loop
 * (a real Upstash is another machine). Started by upstash-backend.ts with an IPC channel:
 * argv[2] is the redis URL; it sends `{ type: "ready", url, token }`, then answers
 * `{ id, op: "stats" | "reset" | "stop" }` with `{ id, stats? }`.
 */
import { startUpstashRestServer, type UpstashRestStats } from "../tests/helpers/upstash-rest-server.js";

interface Command {
  id: number;
  op: "stats" | "reset" | "stop";
}

const redisUrl = process.argv[2];
if (!redisUrl || !process.send) {
  console.error("usage: started by bench/upstash-backend.ts with an IPC channel and a redis URL");
  process.exit(2);
}
const send = (
  message: { type: "ready"; url: string; token: string } | { id: number; stats?: UpstashRestStats },
) => process.send?.(message);

const rest = await startUpstashRestServer({ redisUrl });
process.on("message", (message: Command) => {
  switch (message.op) {
    case "stats":
      send({ id: message.id, stats: rest.stats() });
      break;
    case "reset":
      rest.resetStats();
      send({ id: message.id });
      break;
    case "stop":
      void rest.stop().finally(() => {
        send({ id: message.id });
        process.disconnect?.();
        process.exit(0);
      });
      break;
  }
});
// The parent went away without stopping us: do not linger.
process.on("disconnect", () => process.exit(0));
send({ type: "ready", url: rest.url, token: rest.token });
