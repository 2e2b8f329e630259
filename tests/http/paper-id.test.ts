import { describe, expect, it } from "vitest";
import { parseRequestedId } from "../../lib/api/paper-id.js";

describe("parseRequestedId", () => {
  it("reads new- and old-style ids, with or without version and arXiv: prefix", () => {
    expect(parseRequestedId("2604.21952")).toEqual({ id: "2604.21952", version: undefined });
    expect(parseRequestedId("2604.21952v3")).toEqual({ id: "2604.21952", version: 3 });
    expect(parseRequestedId("arXiv:1501.0001v1")).toEqual({ id: "1501.0001", version: 1 });
    expect(parseRequestedId("hep-ex/0101001")).toEqual({ id: "hep-ex/0101001", version: undefined });
    expect(parseRequestedId("math.GT/0309136v2")).toEqual({ id: "math/0309136", version: 2 });
  });

  it("refuses anything else", () => {
    for (const text of [
      "",
      "2604.219",
      "2604.21952v0",
      "2604.21952v",
      "x2604.21952",
      "2604.21952/../x",
      "../../etc/passwd",
      "HEP-EX/0101001",
    ]) {
      expect(parseRequestedId(text), text).toBeUndefined();
    }
  });
});
