/*
 * Validators for rendered feeds: strict XML, Atom's RELAX NG grammar (xmllint), the JSON Feed
 * 1.1 schema (ajv), and a real reader's view of a feed (Python feedparser).
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { XMLValidator } from "fast-xml-parser";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const schemasDir = path.resolve(repoRoot, "../shared/fixtures/schemas");

/** Path of RFC 4287's RELAX NG grammar for Atom. */
export const ATOM_RNG = path.join(schemasDir, "atom.rng");
/** Path of the JSON Feed 1.1 JSON Schema (draft-07). */
export const JSON_FEED_SCHEMA = path.join(schemasDir, "jsonfeed-1.1.schema.json");

/** Result of running a command with some text on its stdin. */
interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], stdin: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    // A child that exits before reading all its input closes the pipe: not our error to report.
    child.stdin.on("error", () => {});
    child.on("close", (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
    child.stdin.end(stdin, "utf8");
  });
}

/**
 * The first character XML 1.0 forbids in `text` (C0 controls but tab/LF/CR, U+FFFE/U+FFFF,
 * unpaired surrogates), or one it discourages that this project strips (DEL, C1 controls), with
 * its position; undefined when there is none.
 */
export function findNonXmlChar(text: string): { index: number; codePoint: number } | undefined {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
      return { index, codePoint: code };
    }
    const bad =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0xdc00 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff;
    if (bad) return { index, codePoint: code };
  }
  return undefined;
}

/** Throws unless `text` is free of the characters `findNonXmlChar` reports. */
export function assertXmlChars(text: string): void {
  const found = findNonXmlChar(text);
  if (found) {
    const context = JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 40));
    throw new Error(
      `character U+${found.codePoint.toString(16).toUpperCase().padStart(4, "0")} at ${found.index}: ${context}`,
    );
  }
}

/**
 * Throws unless `xml` is a well-formed, namespace-well-formed XML 1.0 document made only of the
 * characters `findNonXmlChar` accepts. fast-xml-parser's validator runs first (fast, precise
 * messages), then libxml2 (`xmllint --noout`), which also catches what that validator lets
 * through: undefined entities, character references to forbidden characters, `<` in attribute
 * values, `]]>` in text, several root elements, undeclared namespace prefixes.
 */
export function assertStrictXml(xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const { code, msg, line, col } = result.err;
    throw new Error(`not well-formed XML: ${code} ${msg} at ${line}:${col}`);
  }
  assertXmlChars(xml);
  const lint = spawnSync("xmllint", ["--noout", "-"], {
    input: xml,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (lint.error) throw lint.error;
  if (lint.status !== 0 || lint.stderr) {
    throw new Error(`not well-formed XML (xmllint exit ${lint.status}):\n${lint.stderr.slice(0, 4000)}`);
  }
}

/** Throws with xmllint's report unless `xml` is valid against RFC 4287's RELAX NG grammar. */
export async function validateAtom(xml: string): Promise<void> {
  const result = await run("xmllint", ["--noout", "--relaxng", ATOM_RNG, "-"], xml);
  if (result.code !== 0) throw new Error(`Atom invalid (xmllint exit ${result.code}):\n${result.stderr}`);
}

// ajv-formats is CommonJS: from ESM its default import is `module.exports`, which is the plugin
// and also carries it as `.default`, the one spelling both TypeScript and Node agree on.
const addFormats = addFormatsModule.default;

let jsonFeedValidator: ValidateFunction | undefined;

function compileJsonFeedSchema(): ValidateFunction {
  // The default Ajv class implements draft-07, the schema's `$schema`. `strictRequired` is off
  // because the schema names `content_html` in an `anyOf` branch, which that rule rejects.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(JSON_FEED_SCHEMA, "utf8")));
}

/** Throws listing every error unless `json` (text or parsed) is valid JSON Feed 1.1. */
export function validateJsonFeed(json: string | object): void {
  const document: unknown = typeof json === "string" ? JSON.parse(json) : json;
  jsonFeedValidator ??= compileJsonFeedSchema();
  if (!jsonFeedValidator(document)) {
    const errors = (jsonFeedValidator.errors ?? []).map(
      (error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
    );
    throw new Error(`JSON Feed invalid:\n${errors.join("\n")}`);
  }
}

/** What feedparser made of a feed (the fields tests look at). */
export interface FeedparserResult {
  bozo: boolean;
  bozo_exception?: string;
  /** `rss20`, `atom10`, … ; empty when feedparser did not recognise a feed. */
  version: string;
  entries: { id: string; title: string; link: string; authors: string[]; content: string }[];
  feed: { title: string };
}

const FEEDPARSER_SCRIPT = `
import json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
def content(e):
    if e.get("content"):
        return e["content"][0].get("value", "")
    return e.get("summary", "")
out = {
    "bozo": bool(d.get("bozo")),
    "version": d.get("version", "") or "",
    "feed": {"title": d.feed.get("title", "")},
    "entries": [
        {
            "id": e.get("id", ""),
            "title": e.get("title", ""),
            "link": e.get("link", ""),
            "authors": [a.get("name", "") for a in e.get("authors", [])],
            "content": content(e),
        }
        for e in d.entries
    ],
}
if d.get("bozo"):
    out["bozo_exception"] = repr(d.get("bozo_exception"))
json.dump(out, sys.stdout)
`;

/** Parses `text` with Python feedparser (Debian's, in /usr/bin/python3) and returns its view. */
export async function feedparse(text: string): Promise<FeedparserResult> {
  const result = await run("/usr/bin/python3", ["-c", FEEDPARSER_SCRIPT], text);
  if (result.code !== 0) throw new Error(`feedparser failed (exit ${result.code}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as FeedparserResult;
}
