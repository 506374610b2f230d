import { addWorkingDays, dutchDate } from './dutch-calendar.ts';
import type { Referral } from './referral.ts';
import type { TimeLimitsConfig } from './time-limits.ts';
import type { ReferralStatus } from './vocabulary.ts';

/** What is expected next on a case, whose move it is, and by when (the time limit that applies). */
export type NextStepKind =
  | 'intake'
  | 'matching'
  | 'contact-person-reacts'
  | 'region-assigns'
  | 'first-contact'
  | 'outcomes'
  | 'crisis-service'
  | 'none';

export interface NextStep {
  step: NextStepKind;
  /** The Dutch date by which it is due, when a time limit says so. */
  due: string | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

const STEP_OF: Record<ReferralStatus, NextStepKind> = {
  'awaiting-intake': 'intake',
  received: 'matching',
  triaged: 'matching',
  matched: 'matching',
  declined: 'matching',
  notified: 'contact-person-reacts',
  'flagged-for-region': 'region-assigns',
  accepted: 'first-contact',
  'first-contact': 'outcomes',
  'in-care': 'outcomes',
  'crisis-handed-off': 'crisis-service',
  closed: 'none',
  withdrawn: 'none',
};

/**
 * The next step of a case and its date: the contact person reacts within the reminder's working
 * days of the hand-over; the first contact is due within the aanmeldnorm of the referral.
 */
export function nextStep(referral: Pick<Referral, 'status' | 'statusChangedAt' | 'createdAt'>, limits: TimeLimitsConfig): NextStep {
  const step = STEP_OF[referral.status];
  switch (step) {
    case 'contact-person-reacts':
      return { step, due: dutchDate(addWorkingDays(new Date(referral.statusChangedAt), limits.remindAfterWorkingDays, limits)) };
    // The netwerkintake is the first contact: the aanmeldnorm runs from the referral.
    case 'intake':
    case 'first-contact':
      return { step, due: dutchDate(new Date(Date.parse(referral.createdAt) + limits.firstContactWithinWeeks * WEEK_MS)) };
    default:
      return { step, due: null };
  }
}
