import * as z from 'zod';
import { HELP_SOURCES, LEVENSDOMEINEN, NEED_LEVELS } from './vocabulary.ts';

// One levensdomein of the netwerkintake as a referral or an amendment gives it. Apart from the
// referral's request schema, so that what needs only this does not carry all of that.

export const DomainAssessmentSchema = z.strictObject({
  domain: z.enum(LEVENSDOMEINEN),
  need: z.enum(NEED_LEVELS),
  helpFrom: z.enum(HELP_SOURCES),
});
export type DomainAssessment = z.infer<typeof DomainAssessmentSchema>;
