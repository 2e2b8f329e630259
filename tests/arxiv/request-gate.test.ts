import { describe, expect, it } from "vitest";
import { RequestGate } from "../../lib/arxiv/request-gate.js";

describe("RequestGate", () => {
  it("lets the first request go at once and spaces concurrent ones, each in its own slot", async () => {
    const gate = new RequestGate(150);
    const started = Date.now();
    const times = await Promise.all(
      Array.from({ length: 4 }, async () => {
        await gate.wait();
        return Date.now() - started;
      }),
    );
    times.sort((a, b) => a - b);
    expect(times[0]).toBeLessThan(100);
    // Timers never fire early by more than a millisecond's rounding; late is fine.
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(140);
  });

  it("does not delay a request that comes after the interval has passed", async () => {
    const gate = new RequestGate(50);
    await gate.wait();
    await new Promise((resolve) => setTimeout(resolve, 80));
    const before = Date.now();
    await gate.wait();
    expect(Date.now() - before).toBeLessThan(40);
  });
});
