import { createHash } from "node:crypto";
import type { Settings } from "../config/settings.js";

/** What of the settings shapes bodies: config.json, the model, the public origin. */
export type ShapingSettings = Pick<Settings, "config" | "llm"> & {
  env: Pick<Settings["env"], "PUBLIC_BASE_URL">;
};

const fingerprints = new WeakMap<ShapingSettings, string>();

/**
 * What of the deployment's configuration shapes bodies: part of every ETag, so a redeploy with
 * new keywords is not answered 304 with old bytes. Computed once per settings object.
 */
export function deploymentFingerprint(settings: ShapingSettings): string {
  let fingerprint = fingerprints.get(settings);
  if (fingerprint === undefined) {
    const shaping = [settings.config, settings.llm?.model ?? null, settings.env.PUBLIC_BASE_URL ?? null];
    fingerprint = createHash("sha256").update(JSON.stringify(shaping)).digest("base64url").slice(0, 16);
    fingerprints.set(settings, fingerprint);
  }
  return fingerprint;
}

/** ETags by what they hash: every poll of a feed hashes the same text (forgotten all at once when full). */
const etags = new Map<string, string>();
const MAX_ETAGS = 1024;
const MAX_KEPT_INPUT = 2048;

/** Validators of one representation. */
export interface Validators {
  etag: string;
  lastModified: string;
}

/**
 * A strong ETag from the snapshot version, everything else that shapes the body (format, query)
 * and the deployment's configuration (`settings`), and Last-Modified from the snapshot's time.
 */
export function validatorsFor(
  settings: ShapingSettings,
  version: string,
  variant: string,
  modified: Date,
): Validators {
  const input = `${version}\n${variant}\n${deploymentFingerprint(settings)}`;
  let etag = etags.get(input);
  if (etag === undefined) {
    etag = `"${createHash("sha256").update(input).digest("base64url").slice(0, 27)}"`;
    if (etags.size >= MAX_ETAGS) etags.clear();
    // Not a whole body (contentValidators hashes one).
    if (input.length <= MAX_KEPT_INPUT) etags.set(input, etag);
  }
  return { etag, lastModified: httpDate(modified) };
}

/** HTTP dates by second: a feed's Last-Modified is one of a few instants. */
const httpDates = new Map<number, string>();

/** `time` as an HTTP date (whole seconds). */
function httpDate(time: Date): string {
  const second = Math.floor(time.getTime() / 1000);
  let text = httpDates.get(second);
  if (text === undefined) {
    text = new Date(second * 1000).toUTCString();
    if (httpDates.size >= 256) httpDates.clear();
    httpDates.set(second, text);
  }
  return text;
}

/** True when the client's copy is current: If-None-Match wins over If-Modified-Since (RFC 9110). */
export function isNotModified(request: Request, validators: Validators): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return true;
    return ifNoneMatch
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .includes(validators.etag);
  }
  const since = request.headers.get("if-modified-since");
  if (since === null) return false;
  const sinceTime = Date.parse(since);
  return !Number.isNaN(sinceTime) && Date.parse(validators.lastModified) <= sinceTime;
}

/** 304 with the validators and caching headers, no body. */
export function notModified(validators: Validators, headers: Record<string, string>): Response {
  return new Response(null, {
    status: 304,
    headers: { ...headers, etag: validators.etag, "last-modified": validators.lastModified },
  });
}

/**
 * When this instance started: the Last-Modified of what changes only with a deployment (a new
 * deployment starts new instances, so its responses are newer).
 */
const STARTED_AT = new Date();

/** Validators of a body that depends on no snapshot (configuration, OpenAPI, OPML): its hash. */
export function contentValidators(settings: ShapingSettings, body: string): Validators {
  return validatorsFor(settings, "content", body, STARTED_AT);
}
