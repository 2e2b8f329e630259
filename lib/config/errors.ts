import type { z } from "zod";

/** config.json or the environment is unusable; the message names the file, the key and the rule. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** `categories[1]` style path of a zod issue. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  }
  return out || "(top level)";
}

/** One line per problem: `<source>: "<key>" <what is wrong>`. */
export function describeIssues(source: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const where = issue.path.length ? ` in "${issuePath(issue.path)}"` : "";
      return `${source}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}${where}`;
    }
    return `${source}: "${issuePath(issue.path)}" ${issue.message}`;
  });
  return lines.join("\n");
}
