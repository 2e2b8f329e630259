/**
 * Serves one feed request through api/feed.ts with the store the environment names, then prints
 * its status and whether the process loaded better-sqlite3's native module (for native-load.test.ts).
 */
import { writeSync } from "node:fs";
import { GET } from "../../api/feed.js";

const response = await GET(new Request("http://localhost/api/feed?format=rss&category=cs.LG"));
const report = process.report.getReport() as unknown as { sharedObjects: string[] };
const loaded = report.sharedObjects.some((path) => path.endsWith("better_sqlite3.node"));
writeSync(1, `${JSON.stringify({ status: response.status, loaded })}\n`);
// The Redis client keeps the process alive; this one request is all it is for.
process.exit(0);
