import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers (redis-server, loopback arXiv/LLM); two cores.
    fileParallelism: true,
    maxWorkers: 2,
    // Console output of passing tests (refresh progress lines) only clutters the CI log.
    silent: "passed-only",
  },
});
