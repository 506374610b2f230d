import * as z from './zod.ts';
import { text } from './text.ts';
import { NAASTE_BURDENS, WISHES } from './vocabulary.ts';

// Two parts of the netwerkintake the request carries next to the levensdomeinen: what the client
// wants and does not want (`004:603-605`, dignity of risk `004:613-617`), and, with the client's
// consent to involve naasten, how a naaste is doing (`004:600-601`, `004:745-761`).

export const MAX_OWN_WORDS_CHARS = 1000;

const ownWords = z.optional(text(MAX_OWN_WORDS_CHARS, { multiline: true }));

/** The client's wishes and limits: choices that matching respects, and their own words for the contact person. */
export const WishesSchema = z.strictObject({
  choices: z
    .array(z.enum(WISHES))
    .check(
      z.maxLength(WISHES.length),
      z.refine((choices) => new Set(choices).size === choices.length, { error: 'Give each wish at most once' }),
    ),
  ownWords,
});
export type Wishes = z.infer<typeof WishesSchema>;

/** A naaste's own burden and needs, in the naaste's words: recorded only with consent to involve naasten (`004:750`). */
export const NaasteSchema = z.strictObject({
  burden: z.enum(NAASTE_BURDENS),
  needs: ownWords,
});
export type Naaste = z.infer<typeof NaasteSchema>;

/** What the intake says of a naaste is recorded only when the client lets naasten be involved. */
export const naasteNeedsConsent = (request: { intake?: { naaste?: unknown }; consent: { involveNaasten: boolean } }) =>
  request.intake?.naaste === undefined || request.consent.involveNaasten;
