import { z } from "zod";
import { badRequest } from "../http/http-error.js";

/** Longest profile name, characters. */
export const MAX_NAME_LENGTH = 32;

/** A profile's name: short, lowercase letters, digits and hyphens, starting with a letter or digit. */
export const ProfileNameSchema = z
  .string()
  .regex(
    new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_NAME_LENGTH - 1}}$`),
    `must be 1 to ${MAX_NAME_LENGTH} characters of a-z, 0-9 and -, starting with a letter or digit`,
  );
export type ProfileName = z.infer<typeof ProfileNameSchema>;

/** `text` as a profile name; a 400 naming the rule it broke (and the value, clipped). */
export function parseProfileName(text: unknown): ProfileName {
  const result = ProfileNameSchema.safeParse(text);
  if (result.success) return result.data;
  const shown = typeof text === "string" ? `"${text.slice(0, 40)}"` : typeof text;
  throw badRequest(`name ${result.error.issues[0]?.message ?? "is invalid"} (got ${shown})`, {
    parameter: "name",
  });
}
