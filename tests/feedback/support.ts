/*
 * Shared pieces of the feedback tests: a secret, the service's profile records read back from
 * its store, and calls of the management endpoint.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { ProfileDocument } from "../../lib/feedback/profile-document.js";
import { type ProfileRecord, ProfileRecordSchema } from "../../lib/feedback/profile-record.js";
import type { Store } from "../../lib/store/types.js";
import { CRON_SECRET, type Service } from "../helpers/service.js";

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
