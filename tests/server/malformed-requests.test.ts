import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Service, startService } from "../helpers/service.js";
import { rawHeader, sendRaw } from "./raw-http.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
  expect((await service.refresh()).status).toBe(200);
});
afterAll(() => service?.stop());

const request = (line: string, host = "127.0.0.1") =>
  `${line} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

/** Each of these stopped `npm start` with an uncaught TypeError before (issue 10, item 3). */
const KILLERS: [string, string, number][] = [
  ["Host: [ (Invalid URL)", request("GET /", "["), 400],
  ["//u:p@x/ target (Request with credentials)", request("GET //u:p@x/"), 404],
  ["Host: a@evil (Request with credentials)", request("GET /", "a@evil"), 400],
  ["TRACE (a method fetch forbids)", request("TRACE /"), 405],
  ["TRACE on a feed", request("TRACE /rss"), 405],
  ["a port out of range", request("GET /rss", "127.0.0.1:99999"), 400],
  ["credentials in an absolute-form target", request("GET http://u:p@127.0.0.1/rss"), 400],
  ["asterisk-form", request("OPTIONS *"), 400],
];

describe("no single request stops the local server", () => {
  it.each(KILLERS)("%s gets a clear 4xx and the server keeps serving", async (_name, bytes, status) => {
    const answer = await sendRaw(service.url, bytes);
    expect(answer.status).toBe(status);
    if (rawHeader(answer, "content-type")?.startsWith("application/json")) {
      const { error } = JSON.parse(answer.body) as { error: { message: string } };
      expect(error.message).not.toMatch(/TypeError|at .*\.ts/);
    }
    expect((await service.get("/rss")).status).toBe(200);
  });

  it("serves an absolute-form target like its path", async () => {
    const answer = await sendRaw(
      service.url,
      request(`GET http://127.0.0.1:${new URL(service.url).port}/rss`),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("<rss");
  });

  it("lists only the methods a route accepts in a 405's Allow", async () => {
    for (const method of ["TRACE", "PROPFIND", "PURGE"]) {
      const feed = await sendRaw(service.url, request(`${method} /rss`));
      expect(feed.status, method).toBe(405);
      expect(rawHeader(feed, "allow"), method).toBe("GET, HEAD, OPTIONS");
      const page = await sendRaw(service.url, request(`${method} /`));
      expect(page.status, method).toBe(405);
      expect(rawHeader(page, "allow"), method).toBe("GET, HEAD");
      const cron = await sendRaw(service.url, request(`${method} /api/cron/refresh`));
      expect(cron.status, method).toBe(405);
      expect(rawHeader(cron, "allow"), method).toBe("GET, POST");
    }
  });
});
