import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { isLiveHolder } from "../../lib/store/holder-alive.js";

/**
 * A killed holder whose parent never reaps it still answers signal 0 (a zombie): it must not
 * keep the embedded store's lock. The parent here is a `sleep` that `exec`ed over the shell that
 * started the holder, so nothing ever waits for it.
 */
const parent = spawn("sh", ["-c", "sleep 60 & echo $!; exec sleep 60"], {
  stdio: ["ignore", "pipe", "ignore"],
});
afterAll(() => parent.kill("SIGKILL"));

const holderPid = new Promise<number>((resolve) =>
  parent.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
);

describe("isLiveHolder", () => {
  it("is true for a running process on this host, and for a holder on another host", async () => {
    const pid = await holderPid;
    expect(isLiveHolder({ pid, host: hostname() })).toBe(true);
    expect(isLiveHolder({ pid: 2 ** 22 + 7, host: "another-host" })).toBe(true);
  });

  it("is false for a process that has exited, or was killed and never reaped", async () => {
    const pid = await holderPid;
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 50 && isLiveHolder({ pid, host: hostname() }); i++) await sleep(20);
    // Still signalable (a zombie), yet not a live holder.
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(isLiveHolder({ pid, host: hostname() })).toBe(false);
    expect(isLiveHolder({ pid: 2 ** 22 + 7, host: hostname() })).toBe(false);
  });
});
