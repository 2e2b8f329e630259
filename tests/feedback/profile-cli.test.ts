/*
 * `npm run profile -- …` as a user runs it, against the same embedded store as a running local
 * service: a profile made on the command line works over HTTP, and the CLI sees its votes.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileDocument } from "../../lib/feedback/profile-document.js";
import { voteLinks } from "../../lib/feedback/vote-links.js";
import { type Service, startService } from "../helpers/service.js";
import { storedPool, storeOf } from "../http/support.js";
import { FEEDBACK_SECRET, postForm } from "./support.js";

let service: Service;
const outputs: string[] = [];

beforeAll(async () => {
  service = await startService({ env: { FEEDBACK_SECRET } });
  expect((await service.refresh()).status).toBe(200);
});
afterAll(async () => {
  await service?.stop();
});

/** Runs `npm run profile -- ...args` with the service's environment (its store) plus `env`. */
function profileCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "profile", "--", ...args], {
      env: { ...process.env, PUBLIC_BASE_URL: service.url, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.once("close", (code) => {
      outputs.push(out);
      resolve({ code: code ?? 128, out });
    });
  });
}

describe("npm run profile", () => {
  it("add prints the profile's page and every feed's URLs, which work over HTTP", async () => {
    const { code, out } = await profileCli(["add", "lab-cli"]);
    expect(code, out).toBe(0);
    const page = /profile page: (\S+)/.exec(out)?.[1] ?? "";
    expect(page.startsWith(`${service.url}/profile?token=lab-cli.`)).toBe(true);
    expect(out.match(/rss: +\S+profile=lab-cli\.\S+/g)).toHaveLength(5);
    expect((await service.get(page.slice(service.url.length))).status).toBe(200);

    const token = new URL(page).searchParams.get("token") ?? "";
    const store = storeOf(service);
    const [paper] = await storedPool(store, "all", 7);
    await store.close();
    const like = new URL(voteLinks(service.url, token, paper?.id ?? "", FEEDBACK_SECRET).like);
    expect((await postForm(service, "/vote", Object.fromEntries(like.searchParams))).status).toBe(200);

    const listed = await profileCli(["list"]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/lab-cli +created \d{4}-\d{2}-\d{2} +1 likes +0 dislikes/);

    const exported = await profileCli(["export", "lab-cli"]);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.out) as ProfileDocument;
    expect(doc.token).toBe(token);
    expect(doc.profile.votes.map((v) => [v.id, v.vote])).toEqual([[paper?.id, "like"]]);
  });

  it("refuses a name taken (1), a bad name and bad usage (2), each saying why", async () => {
    const again = await profileCli(["add", "lab-cli"]);
    expect(again).toEqual({ code: 1, out: expect.stringContaining("exists already") });
    const bad = await profileCli(["add", "Lab CLI"]);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain("name must be 1 to 32 characters");
    const usage = await profileCli(["rename", "lab-cli"]);
    expect(usage).toEqual({ code: 2, out: expect.stringContaining("usage: npm run profile") });
    expect((await profileCli(["export", "nobody"])).code).toBe(1);
  });

  it("says feedback is off without FEEDBACK_SECRET", async () => {
    const off = await profileCli(["list"], { FEEDBACK_SECRET: undefined });
    expect(off.code).toBe(2);
    expect(off.out).toContain("FEEDBACK_SECRET");
  });

  it("delete removes the profile, and its page then refuses the token", async () => {
    const exported = JSON.parse((await profileCli(["export", "lab-cli"])).out) as ProfileDocument;
    const deleted = await profileCli(["delete", "lab-cli"]);
    expect(deleted.code).toBe(0);
    expect(deleted.out).toContain("deleted profile lab-cli");
    expect((await service.get(exported.page.slice(service.url.length))).status).toBe(403);
    expect((await profileCli(["list"])).out).toContain("no profiles yet");
    expect((await profileCli(["delete", "lab-cli"])).code).toBe(1);
  });

  it("never prints the secret", () => {
    expect(outputs.length).toBeGreaterThanOrEqual(10);
    expect(outputs.filter((out) => out.includes(FEEDBACK_SECRET))).toEqual([]);
  });
});
