import type { ReferralStatus } from '../domain/vocabulary.ts';

/** What a pipeline step did with one message (returned to the batch processor, and in tests). */
export interface StepOutcome {
  referralId: string;
  status: ReferralStatus;
  /** 'done' when this step moved the referral on; 'skipped' when it was already past this step. */
  result: 'done' | 'forwarded' | 'skipped';
}

/** A message for a referral that does not exist: retrying cannot help, so it ends in the DLQ. */
export class ReferralNotFoundError extends Error {
  constructor(referralId: string) {
    super(`Referral ${referralId} does not exist`);
    this.name = 'ReferralNotFoundError';
  }
}
