import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import * as z from './zod.ts';
// Every country's numbering plan (scripts/phone-metadata.ts). Left out of the Lambda bundles
// (infra/bundling.ts): there it is a JSON file beside index.mjs, which Node reads with one
// JSON.parse at load instead of parsing and running 150 KB of object literals as code.
import numberingPlans from './phone-metadata.json' with { type: 'json' };
import { isOneLine, ONE_LINE } from './text.ts';

// Phone numbers as people type them ("06-12345678", "010 000 0123", "+32 2 123 45 67"), checked
// against the numbering plans by libphonenumber-js (its full metadata: the smaller sets accept any
// number of a plausible length, "12345" among them) and kept in one form: E.164 (+31612345678).

const plans = numberingPlans as MetadataJson;

/** The number in E.164 when it is a valid Dutch or international number; undefined otherwise. */
export function normalisePhone(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value, 'NL', plans);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** A phone number field: a Dutch number or one in international form (+...), stored in E.164. */
export const phoneNumber = () =>
  z.pipe(
    z.string().check(
      z.maxLength(40, { error: 'Must be at most 40 characters' }),
      // The number parser finds a number inside other text ("06-12345678\nLET OP: ..."): refused, not read past.
      z.refine(isOneLine, { error: ONE_LINE }),
    ),
    // zod/mini's transform has no addIssue: the issue goes on the parse's list, as addIssue put it there.
    z.transform((value: string, payload) => {
      const normalised = normalisePhone(value);
      if (normalised) return normalised;
      payload.issues.push({ code: 'custom', message: 'Must be a Dutch phone number (such as 06-12345678 or 030-1234567) or one in international form (+...)', input: value });
      return z.NEVER;
    }),
  );
