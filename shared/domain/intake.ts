import * as z from './zod.ts';
import { NaasteSchema, WishesSchema } from './care-preferences.ts';
import { dutchDate } from './dutch-calendar.ts';
import { text, requiredText } from './text.ts';
import { FLAGS, HELP_SOURCES, LEVENSDOMEINEN, NEED_LEVELS, type Flag } from './vocabulary.ts';

// The netwerkintake as a referral or a case action gives it, and one levensdomein of it as an
// amendment gives it. Apart from the referral's request schema (referral-request.ts), so that what
// needs only this does not carry libphonenumber's metadata; below referral.ts, which re-exports it.

export const DomainAssessmentSchema = z.strictObject({
  domain: z.enum(LEVENSDOMEINEN),
  need: z.enum(NEED_LEVELS),
  helpFrom: z.enum(HELP_SOURCES),
});
export type DomainAssessment = z.infer<typeof DomainAssessmentSchema>;

export const MAX_STORY_CHARS = 4000;

export const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `Duplicate ${what} '${k}'`, path: [index] });
      seen.add(k);
    });
  };

/** How the client prefers to be reached first; `post` and `in-person` go through the practice's details. */
export const PREFERRED_CHANNELS = ['phone', 'email', 'post', 'in-person'] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

/** Whether the client already waits for ggz: since when, and at which provider. */
export const WaitingSchema = z.strictObject({
  onGgzWaitlist: z.boolean(),
  since: z.optional(
    z.iso.date({ error: 'Must be a date as YYYY-MM-DD' }).check(z.refine((date) => date <= dutchDate(new Date()), { error: 'Must not be in the future' })),
  ),
  provider: z.optional(requiredText(120)),
});

/**
 * The netwerkintake: the five story questions, the 13 levensdomeinen, the signals. Absent in a
 * referral means the cliëntondersteuner does it with the client (status `awaiting-intake`).
 */
export const IntakeSchema = z.strictObject({
  story: z.strictObject({
    whatHappened: z.optional(text(MAX_STORY_CHARS, { multiline: true })),
    strengths: z.optional(text(MAX_STORY_CHARS, { multiline: true })),
    vulnerabilities: z.optional(text(MAX_STORY_CHARS, { multiline: true })),
    goals: z.optional(text(MAX_STORY_CHARS, { multiline: true })),
    needs: z.optional(text(MAX_STORY_CHARS, { multiline: true })),
  }),
  domains: z
    .array(DomainAssessmentSchema)
    .check(z.maxLength(LEVENSDOMEINEN.length), z.superRefine(uniqueBy((assessment: DomainAssessment) => assessment.domain, 'domain'))),
  flags: z
    .array(z.enum(FLAGS))
    .check(z.maxLength(FLAGS.length), z.superRefine(uniqueBy((flag: Flag) => flag, 'flag'))),
  wishes: z.optional(WishesSchema),
  naaste: z.optional(NaasteSchema),
});
export type Intake = z.infer<typeof IntakeSchema>;

/** The intake of a referral whose netwerkintake the cliëntondersteuner does with the client. */
export const EMPTY_INTAKE: Intake = { story: {}, domains: [], flags: [] };
