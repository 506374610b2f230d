import * as z from 'zod';
import { NaasteSchema, WishesSchema } from './care-preferences.ts';
import { text, requiredText } from './text.ts';
import { FLAGS, HELP_SOURCES, LEVENSDOMEINEN, NEED_LEVELS } from './vocabulary.ts';

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
  (items: T[], ctx: z.RefinementCtx) => {
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
export const WaitingSchema = z
  .strictObject({
    onGgzWaitlist: z.boolean(),
    since: z.iso
      .date({ error: 'Must be a date as YYYY-MM-DD' })
      .refine((date) => date <= new Date().toISOString().slice(0, 10), { error: 'Must not be in the future' })
      .optional(),
    provider: requiredText(120).optional(),
  });

/**
 * The netwerkintake: the five story questions, the 13 levensdomeinen, the signals. Absent in a
 * referral means the cliëntondersteuner does it with the client (status `awaiting-intake`).
 */
export const IntakeSchema = z.strictObject({
  story: z.strictObject({
    whatHappened: text(MAX_STORY_CHARS, { multiline: true }).optional(),
    strengths: text(MAX_STORY_CHARS, { multiline: true }).optional(),
    vulnerabilities: text(MAX_STORY_CHARS, { multiline: true }).optional(),
    goals: text(MAX_STORY_CHARS, { multiline: true }).optional(),
    needs: text(MAX_STORY_CHARS, { multiline: true }).optional(),
  }),
  domains: z
    .array(DomainAssessmentSchema)
    .max(LEVENSDOMEINEN.length)
    .superRefine(uniqueBy((assessment) => assessment.domain, 'domain')),
  flags: z
    .array(z.enum(FLAGS))
    .max(FLAGS.length)
    .superRefine(uniqueBy((flag) => flag, 'flag')),
  wishes: WishesSchema.optional(),
  naaste: NaasteSchema.optional(),
});
export type Intake = z.infer<typeof IntakeSchema>;

/** The intake of a referral whose netwerkintake the cliëntondersteuner does with the client. */
export const EMPTY_INTAKE: Intake = { story: {}, domains: [], flags: [] };
