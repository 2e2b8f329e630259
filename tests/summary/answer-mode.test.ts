import { APIError, InternalServerError } from "openai";
import { describe, expect, it } from "vitest";
import {
  type EndpointSupport,
  firstAttempt,
  learnFromSuccess,
  stepDown,
} from "../../lib/summary/answer-mode.js";

const unknown = (): EndpointSupport => ({ json: undefined, schema: undefined, tokens: undefined });
const rejected = (message = "bad request") => new APIError(400, undefined, message, new Headers());

describe("answer mode ladder", () => {
  it("starts at the best mode the endpoint is not known to reject", () => {
    expect(firstAttempt(unknown(), true)).toMatchObject({ mode: "schema", limited: true });
    expect(firstAttempt(unknown(), false).mode).toBe("object");
    expect(firstAttempt({ ...unknown(), schema: false }, true).mode).toBe("object");
    expect(firstAttempt({ json: false, schema: true, tokens: false }, true)).toMatchObject({
      mode: "markdown",
      limited: false,
    });
  });

  it("steps down schema → JSON mode → Markdown on a 400, and no further", () => {
    const support = unknown();
    const attempt = firstAttempt(support, true);
    expect(stepDown(support, attempt, rejected())).toBe(true);
    expect(attempt).toMatchObject({ mode: "object", fellBackFromSchema: true });
    expect(stepDown(support, attempt, rejected())).toBe(true);
    expect(attempt).toMatchObject({ mode: "markdown", fellBack: true });
    expect(stepDown(support, attempt, rejected())).toBe(false);
  });

  it("drops max_tokens first when the rejection names it, keeping the mode", () => {
    const support = unknown();
    const attempt = firstAttempt(support, true);
    expect(stepDown(support, attempt, rejected("Unsupported parameter: 'max_tokens'"))).toBe(true);
    expect(attempt).toMatchObject({ mode: "schema", limited: false, unlimitedIn: "schema" });
    learnFromSuccess(support, attempt);
    expect(support).toEqual({ json: true, schema: true, tokens: false });
  });

  it("takes no step down for a 5xx or a mode the endpoint is known to support", () => {
    const support: EndpointSupport = { json: true, schema: true, tokens: true };
    const attempt = firstAttempt(support, true);
    expect(stepDown(support, attempt, new InternalServerError(500, undefined, "down", new Headers()))).toBe(
      false,
    );
    expect(stepDown(support, attempt, rejected("Unsupported parameter: 'max_tokens'"))).toBe(false);
    expect(attempt.mode).toBe("schema");
  });

  it("a success after stepping down never undoes a success another call saw", () => {
    const support: EndpointSupport = { json: true, schema: undefined, tokens: undefined };
    const attempt = firstAttempt(unknown(), false);
    stepDown(unknown(), attempt, rejected());
    learnFromSuccess(support, attempt);
    expect(support.json).toBe(true);
    const fresh = unknown();
    learnFromSuccess(fresh, attempt);
    expect(fresh).toEqual({ json: false, schema: undefined, tokens: true });
  });
});
