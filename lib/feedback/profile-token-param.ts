import { z } from "zod";
import { MAX_TOKEN_LENGTH, tokenProfileName } from "./token.js";

/**
 * `profile=`: a profile token as its feed URLs carry it (`<name>.<mac>`), checked for shape only;
 * whether this deployment issued it is checked against the stored profile (a 403 otherwise).
 */
export const profileTokenParam = () =>
  z
    .string()
    .max(MAX_TOKEN_LENGTH, { error: "must be a profile token as the profile's feed URLs carry it" })
    .refine((token) => tokenProfileName(token) !== undefined, {
      error: "must be a profile token as the profile's feed URLs carry it",
    });
