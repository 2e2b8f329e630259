import type { Settings } from "../config/settings.js";
import { HttpError } from "../http/http-error.js";

/** Why every feedback endpoint refuses on a deployment without the secret. */
export const FEEDBACK_OFF_MESSAGE =
  "feedback (profiles and votes) is off on this deployment: set FEEDBACK_SECRET (at least 32 characters) in its environment to turn it on";

/** The feedback secret, or undefined when feedback is off. */
export const feedbackSecretOf = (settings: Pick<Settings, "env">): string | undefined =>
  settings.env.FEEDBACK_SECRET;

/** The feedback secret; a 503 naming FEEDBACK_SECRET when it is not set. */
export function requireFeedbackSecret(settings: Pick<Settings, "env">): string {
  const secret = feedbackSecretOf(settings);
  if (!secret) throw new HttpError(503, FEEDBACK_OFF_MESSAGE, { feedback: "off" });
  return secret;
}
