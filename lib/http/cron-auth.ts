import { timingSafeEqual } from "node:crypto";
import type { Settings } from "../config/settings.js";

export type CronAuth = { ok: true } | { ok: false; status: 401 | 503; message: string };

const equal = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // Compare equal-length buffers in constant time; a length mismatch is itself a mismatch.
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * The cron endpoint needs `Authorization: Bearer $CRON_SECRET`. Without CRON_SECRET it refuses in
 * production (fails closed); elsewhere it is open only with ALLOW_OPEN_CRON=1.
 */
export function checkCronAuth(request: Request, settings: Settings): CronAuth {
  const secret = settings.env.CRON_SECRET;
  if (!secret) {
    if (!settings.production && settings.env.ALLOW_OPEN_CRON === "1") return { ok: true };
    return {
      ok: false,
      status: settings.production ? 503 : 401,
      message: settings.production
        ? "CRON_SECRET is not set on this deployment, so refreshes are refused; set it in the project's environment variables"
        : "set CRON_SECRET and send Authorization: Bearer <secret> (or ALLOW_OPEN_CRON=1 for local use)",
    };
  }
  const header = request.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7) : "";
  return equal(given, secret)
    ? { ok: true }
    : { ok: false, status: 401, message: "missing or wrong Authorization: Bearer <CRON_SECRET>" };
}
