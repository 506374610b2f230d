import type { CrisisInstructions } from '../../components/notice.tsx';

/** The answer of POST /referrals (202). */
export interface SubmitAnswer {
  referralId: string;
  caseNumber?: string;
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

// A referral this tab just added to (after a duplicate), for the status page to say so, once.
const amended = new Set<string>();

export function rememberAmendment(referralId: string): void {
  amended.add(referralId);
}

export function takeAmendment(referralId: string): boolean {
  return amended.delete(referralId);
}
