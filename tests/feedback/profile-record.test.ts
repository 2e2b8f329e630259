import { describe, expect, it } from "vitest";
import { profileExamples, VOTE_HALF_LIFE_DAYS, voteWeight } from "../../lib/feedback/profile-examples.js";
import {
  MAX_VOTES,
  newProfileRecord,
  ProfileRecordSchema,
  withoutVote,
  withVote,
} from "../../lib/feedback/profile-record.js";
import { FIXTURE_NOW } from "../helpers/fixtures.js";

const DAY = 86_400_000;
const empty = () => newProfileRecord("lab", FIXTURE_NOW, "n".repeat(22));
const id = (n: number) => `2601.${String(n).padStart(5, "0")}`;

describe("votes", () => {
  it("keep one current vote per paper: the same again changes nothing, the other replaces it", () => {
    const liked = withVote(empty(), id(1), "like", FIXTURE_NOW);
    expect(liked.changed).toBe(true);
    const again = withVote(liked.record, id(1), "like", FIXTURE_NOW + DAY);
    expect(again).toEqual({ record: liked.record, changed: false });
    const disliked = withVote(liked.record, id(1), "dislike", FIXTURE_NOW + DAY);
    expect(disliked.record.votes).toEqual([
      { id: id(1), vote: "dislike", at: new Date(FIXTURE_NOW + DAY).toISOString() },
    ]);
    expect(ProfileRecordSchema.parse(disliked.record)).toEqual(disliked.record);
  });

  it("undo removes only the vote it undoes, and an undo replayed changes nothing", () => {
    const disliked = withVote(empty(), id(1), "dislike", FIXTURE_NOW).record;
    expect(withoutVote(disliked, id(1), "like").changed).toBe(false);
    const undone = withoutVote(disliked, id(1), "dislike");
    expect(undone.record.votes).toEqual([]);
    expect(withoutVote(undone.record, id(1), "dislike")).toEqual({ record: undone.record, changed: false });
    expect(withoutVote(disliked, id(1)).record.votes).toEqual([]);
  });

  it(`are capped at ${MAX_VOTES}, the oldest dropped first, with a re-vote counting as new`, () => {
    let record = empty();
    for (let n = 0; n < MAX_VOTES + 5; n++) record = withVote(record, id(n), "like", FIXTURE_NOW + n).record;
    expect(record.votes).toHaveLength(MAX_VOTES);
    expect(record.votes[0]?.id).toBe(id(5));
    record = withVote(record, id(5), "dislike", FIXTURE_NOW + 2 * MAX_VOTES).record;
    record = withVote(record, id(MAX_VOTES + 10), "like", FIXTURE_NOW + 2 * MAX_VOTES + 1).record;
    expect(record.votes).toHaveLength(MAX_VOTES);
    expect(record.votes[0]?.id).toBe(id(7));
    expect(record.votes.some((v) => v.id === id(5) && v.vote === "dislike")).toBe(true);
  });
});

describe("profileExamples", () => {
  it("weighs a vote 1 when cast and halves it every half-life; newest first", () => {
    expect(voteWeight(FIXTURE_NOW, FIXTURE_NOW)).toBe(1);
    expect(voteWeight(FIXTURE_NOW - VOTE_HALF_LIFE_DAYS * DAY, FIXTURE_NOW)).toBeCloseTo(0.5, 10);
    expect(voteWeight(FIXTURE_NOW - 2 * VOTE_HALF_LIFE_DAYS * DAY, FIXTURE_NOW)).toBeCloseTo(0.25, 10);
    expect(voteWeight(FIXTURE_NOW + DAY, FIXTURE_NOW)).toBe(1);

    let record = empty();
    record = withVote(record, id(1), "like", FIXTURE_NOW - 60 * DAY).record;
    record = withVote(record, id(2), "dislike", FIXTURE_NOW - 30 * DAY).record;
    record = withVote(record, id(3), "like", FIXTURE_NOW).record;
    const examples = profileExamples(record, FIXTURE_NOW);
    expect(examples.like.map((e) => e.id)).toEqual([id(3), id(1)]);
    expect(examples.like[1]?.weight).toBeCloseTo(0.25, 10);
    expect(examples.dislike).toEqual([{ id: id(2), weight: expect.closeTo(0.5, 10) }]);
  });
});
