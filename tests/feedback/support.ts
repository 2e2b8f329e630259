/*
 * Shared pieces of the feedback tests: a secret, the service's profile records read back from
 * its store, and calls of the management endpoint.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { ProfileDocument } from "../../lib/feedback/profile-document.js";
import { type ProfileRecord, ProfileRecordSchema } from "../../lib/feedback/profile-record.js";
import type { RankedPaper } from "../../lib/model/snapshot.js";
import type { Store } from "../../lib/store/types.js";
import { recordConsole } from "../helpers/console-record.js";
import { CRON_SECRET, type Service, startService } from "../helpers/service.js";
import { storedPool, storeOf } from "../http/support.js";

/** A fresh feedback secret per test file. */
export const FEEDBACK_SECRET = `fb-${randomBytes(24).toString("base64url")}`;

/** Profile `name`'s record as the store holds it (null when absent). */
export async function storedProfile(store: Store, name: string): Promise<ProfileRecord | null> {
  const value = await store.get(`profile:${name}`);
  return value === null ? null : ProfileRecordSchema.parse(value);
}

/** Every text a response exposes, for the secret's absence: status line, headers, body. */
export async function exposed(response: Response): Promise<string> {
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

/** Calls `/api/profiles` with the cron secret; the response (body unread). */
export function manage(service: Service, method: string, query = "", body?: unknown): Promise<Response> {
  return service.get(`/api/profiles${query}`, {
    method,
    headers: {
      authorization: `Bearer ${CRON_SECRET}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Creates profile `name` through the endpoint; its document. */
export async function createProfileOver(service: Service, name: string): Promise<ProfileDocument> {
  const response = await manage(service, "POST", "", { name });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ProfileDocument;
}

/** A form post as a browser sends it. */
export function postForm(service: Service, path: string, fields: Record<string, string>): Promise<Response> {
  return service.get(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Path and query of an absolute URL the service made, as `Service.get` takes it. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/**
 * The service with feedback on, after its first refresh: its store opened beside it, the
 * combined feed's stored window, and `seen`, which records the console from now on (the
 * secret must appear in none of it).
 */
export async function startFeedbackService(): Promise<{
  service: Service;
  store: Store;
  window: RankedPaper[];
  seen: string[];
}> {
  const seen = recordConsole();
  const service = await startService({ env: { FEEDBACK_SECRET } });
  expect((await service.refresh()).status).toBe(200);
  const store = storeOf(service);
  return { service, store, window: await storedPool(store, "all", 7), seen };
}
