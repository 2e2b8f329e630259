import { APIError } from "openai";
import type { OutputFormat } from "./prompt.js";

/** How an answer is asked for: structured output, JSON mode, or plain Markdown. */
export type AnswerMode = "schema" | "object" | "markdown";

/** What a client has learnt about its endpoint; each undefined until a call shows it. */
export interface EndpointSupport {
  /** Accepts `response_format: json_object`. */
  json: boolean | undefined;
  /** Accepts the structured-output schema. */
  schema: boolean | undefined;
  /** Accepts `max_tokens`. */
  tokens: boolean | undefined;
}

/** One completion's way through its requests: the mode and limit in use, and the steps down taken. */
export interface Attempt {
  mode: AnswerMode;
  /** Whether `max_tokens` is sent. */
  limited: boolean;
  /** HTTP requests made so far. */
  requests: number;
  /** Retries (after a retryable failure) made so far; steps down are not retries. */
  retries: number;
  fellBackFromSchema: boolean;
  fellBack: boolean;
  /** The mode a rejected request was asked again in without `max_tokens`. */
  unlimitedIn: AnswerMode | undefined;
}

export const formatOf = (mode: AnswerMode): OutputFormat => (mode === "markdown" ? "markdown" : "json");

/** Whether an error's message names the token limit (`Unsupported parameter: 'max_tokens'`). */
const namesTokenLimit = (error: Error) => /max_(?:completion_)?tokens/i.test(error.message);

/** Structured output, else JSON mode, else Markdown: the best the endpoint is not known to reject. */
export function firstAttempt(support: EndpointSupport, hasSchema: boolean): Attempt {
  const mode: AnswerMode =
    support.json === false ? "markdown" : hasSchema && support.schema !== false ? "schema" : "object";
  return {
    mode,
    limited: support.tokens !== false,
    requests: 0,
    retries: 0,
    fellBackFromSchema: false,
    fellBack: false,
    unlimitedIn: undefined,
  };
}

/** What a success in `attempt`'s mode proves about the endpoint. */
export function learnFromSuccess(support: EndpointSupport, attempt: Attempt): void {
  const { mode } = attempt;
  if (mode === "schema") support.schema = true;
  if (mode !== "markdown") support.json = true;
  // Calls run in parallel: a step down learnt here never undoes a success seen by another.
  if (mode === "object" && attempt.fellBackFromSchema) support.schema ??= false;
  if (mode === "markdown" && attempt.fellBack) support.json ??= false;
  if (attempt.limited) support.tokens = true;
  // Dropping max_tokens alone made the difference only if the mode stayed the same.
  else if (attempt.unlimitedIn === attempt.mode) support.tokens ??= false;
}

/**
 * After a 400/422 to a request in a mode (or with a limit) the endpoint is not yet known to
 * support: sets `attempt` to ask again a step down (not a retry) and returns true. Only a
 * success a step down proves the mode was the problem.
 */
export function stepDown(support: EndpointSupport, attempt: Attempt, error: unknown): boolean {
  if (!(error instanceof APIError && (error.status === 400 || error.status === 422))) return false;
  // A rejection that names max_tokens: asked again without it (the byte limit still holds).
  if (attempt.limited && support.tokens !== true && namesTokenLimit(error)) {
    attempt.limited = false;
    attempt.unlimitedIn = attempt.mode;
    return true;
  }
  if (attempt.mode === "schema" && support.schema !== true) {
    attempt.mode = "object";
    attempt.fellBackFromSchema = true;
    return true;
  }
  if (attempt.mode === "object" && support.json !== true) {
    attempt.mode = "markdown";
    attempt.fellBack = true;
    return true;
  }
  return false;
}
