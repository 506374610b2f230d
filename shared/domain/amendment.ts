import * as z from './zod.ts';
import { DomainAssessmentSchema, type DomainAssessment } from './intake.ts';
import type { Referral, ReferralRequest } from './referral.ts';
import { text } from './text.ts';
import { AFTER_HAND_OVER } from './transitions.ts';
import { FLAGS, LEVENSDOMEINEN, type Flag, type Levensdomein, type ReferralStatus } from './vocabulary.ts';

// The referrer adds to their organisation's open referral instead of referring twice (the duplicate
// guard points them here): new or changed needs per levensdomein, signals, a note for the contact
// person. New needs are triaged and matched like the first ones; the case keeps its status.

const unique =
  <T>(key: (item: T) => string) =>
  (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(key(item))) ctx.addIssue({ code: 'custom', message: `Duplicate '${key(item)}'`, path: [index] });
      seen.add(key(item));
    });
  };

export const AmendmentRequestSchema = z
  .strictObject({
    domains: z.array(DomainAssessmentSchema).check(z.maxLength(LEVENSDOMEINEN.length), z.superRefine(unique((assessment: DomainAssessment) => assessment.domain))),
    flags: z.optional(z.array(z.enum(FLAGS)).check(z.maxLength(FLAGS.length), z.superRefine(unique((flag: Flag) => flag)))),
    note: z.optional(text(1000, { multiline: true })),
  })
  .check(
    z.refine((amendment) => amendment.domains.length > 0 || (amendment.flags?.length ?? 0) > 0 || amendment.note, {
      error: 'Add at least one levensdomein, signal or note',
      path: ['domains'],
    }),
  );
export type AmendmentRequest = z.infer<typeof AmendmentRequestSchema>;

/** The statuses a referral can be added to: handed to a person (its contact person, or the region), not closed. */
export const AMENDABLE: readonly ReferralStatus[] = [...AFTER_HAND_OVER, 'flagged-for-region'];

/** The levensdomeinen the client asks professional help for: what the duplicate guard claims. */
export const needDomainsOf = (intake: ReferralRequest['intake']): Levensdomein[] =>
  intake.domains.filter((domain) => domain.need !== 'none' && domain.helpFrom !== 'network').map((domain) => domain.domain);

/** The intake with the amendment in it: a domain given again replaces the earlier answer; signals add up. */
export function amendedIntake(intake: Referral['intake'], amendment: AmendmentRequest): Referral['intake'] {
  const changed = new Map(amendment.domains.map((assessment) => [assessment.domain, assessment]));
  const domains = [...intake.domains.map((assessment) => changed.get(assessment.domain) ?? assessment)];
  for (const assessment of amendment.domains) if (!intake.domains.some((earlier) => earlier.domain === assessment.domain)) domains.push(assessment);
  return { ...intake, domains, flags: [...new Set([...intake.flags, ...(amendment.flags ?? [])])] };
}
