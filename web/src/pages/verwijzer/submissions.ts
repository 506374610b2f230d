import type { CrisisInstructions } from '../../components/notice.tsx';

/** The answer of POST /referrals (202). */
export interface SubmitAnswer {
  referralId: string;
  status: 'received';
  reentryOf?: string;
  crisis?: CrisisInstructions;
}

// What the form learned when it submitted, for the status page it goes to next: that the referral
// was just sent, and whom to call in a crisis before the triage has even run. Kept in memory only.
const recent = new Map<string, SubmitAnswer>();

export function rememberSubmission(answer: SubmitAnswer): void {
  recent.set(answer.referralId, answer);
}

/** The answer of a referral this tab just submitted, once. */
export function takeSubmission(referralId: string): SubmitAnswer | undefined {
  const answer = recent.get(referralId);
  recent.delete(referralId);
  return answer;
}
