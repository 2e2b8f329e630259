import { z } from "zod";
import { errors, queryParameters } from "../api/openapi-parts.js";
import type { RateRule } from "../http/rate-limit.js";
import { ProfileNameSchema } from "./profile-name.js";
import { VoteSchema } from "./vote.js";
import { CLIENT_VOTE_LIMIT, PROFILE_VOTE_LIMIT } from "./vote-rules.js";

const VoteLinkSchema = z.object({
  profile: z.string().describe("The profile's token, as its feed URLs carry it"),
  id: z.string().describe("The paper's arXiv id, without version"),
  vote: VoteSchema.describe("`like` (More like this) or `dislike` (Less like this)"),
  sig: z.string().describe("The link's signature over profile, id and vote"),
});

const page = (description: string) => ({
  description,
  content: { "text/html": { schema: { type: "string" } } },
});
const refused = {
  description: "The link was altered or forged, or its profile was deleted; nothing was recorded",
};
const off = {
  description: "Feedback is off (FEEDBACK_SECRET is not set), or the profile is busy; retry later",
};
const perWindow = (rule: RateRule) => `${rule.requests} per ${rule.windowSeconds} s`;
const tooMany = {
  description: `Too many votes, undos and removals: for this profile (${perWindow(PROFILE_VOTE_LIMIT)}) or from this address (${perWindow(CLIENT_VOTE_LIMIT)}); nothing was recorded; retry after Retry-After seconds`,
};
/** A form body of the fields `schema` declares. */
function form(schema: z.ZodObject) {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema) as Record<string, unknown>;
  return { required: true, content: { "application/x-www-form-urlencoded": { schema: json } } };
}
const json = (description: string, status = "200") => ({
  [status]: { description, content: { "application/json": { schema: { type: "object" } } } },
});

const vote = {
  get: {
    tags: ["feedback"],
    summary: "A signed vote link's page: names the paper and offers one button (a GET records nothing)",
    parameters: queryParameters(VoteLinkSchema),
    responses: {
      "200": page("The vote page (for a paper no longer in the stored window, as it was looked up or voted)"),
      ...errors(400, 404),
      "403": refused,
      "503": off,
    },
  },
  post: {
    tags: ["feedback"],
    summary: "The page's button: casts the link's vote, or undoes it (`action=undo`); idempotent",
    requestBody: form(VoteLinkSchema.extend({ action: z.enum(["vote", "undo"]).optional() })),
    responses: {
      "200": page("What was recorded, with Undo"),
      ...errors(400, 404),
      "403": refused,
      "429": tooMany,
      "503": off,
    },
  },
};

const profile = {
  get: {
    tags: ["feedback"],
    summary: "A profile's page: its likes and dislikes, each removable, and its feed URLs",
    parameters: queryParameters(z.object({ token: z.string().describe("The profile's token") })),
    responses: { "200": page("The profile page"), ...errors(400), "403": refused, "503": off },
  },
  post: {
    tags: ["feedback"],
    summary: "Removes the profile's vote on a paper (`token`, `id`, `action=remove`)",
    requestBody: form(z.object({ token: z.string(), id: z.string(), action: z.enum(["remove"]).optional() })),
    responses: {
      "200": page("The profile page after the change"),
      ...errors(400),
      "403": refused,
      "429": tooMany,
      "503": off,
    },
  },
};

const managed = { tags: ["feedback"], security: [{ cronSecret: [] }] };
const profiles = {
  get: {
    ...managed,
    summary:
      "Every named profile's summary; with `name`, one profile exported as JSON (votes, token, feed URLs)",
    parameters: queryParameters(z.object({ name: ProfileNameSchema.optional() })),
    responses: { ...json("The list, or the export"), ...errors(400, 401, 404), "503": off },
  },
  post: {
    ...managed,
    summary: 'Creates a profile from `{ "name": "…" }` and answers its feed URLs',
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
        },
      },
    },
    responses: {
      ...json("The new profile's token, page and feed URLs", "201"),
      ...errors(400, 401, 409),
      "503": off,
    },
  },
  delete: {
    ...managed,
    summary: "Deletes a profile and its votes; its URLs stop working",
    parameters: queryParameters(z.object({ name: ProfileNameSchema })),
    responses: { ...json("What was deleted"), ...errors(400, 401, 404), "503": off },
  },
};

/** The OpenAPI paths of the feedback feature: the vote and profile pages, and profile management. */
export const feedbackPaths = () => ({ "/vote": vote, "/profile": profile, "/api/profiles": profiles });
