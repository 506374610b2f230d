import type { ReferralStatus, Role } from './vocabulary.ts';

// Every status change a referral can make: the lifecycle's table (see lifecycle.ts and
// docs/lifecycle.md), kept apart from the case actions' schemas so that every write, which goes
// through `applyChange` (referral-change.ts), carries nothing more into every function.

/** Open statuses after the pipeline handed the case to a contact person. */
export const AFTER_HAND_OVER: readonly ReferralStatus[] = ['notified', 'accepted', 'first-contact', 'in-care'];
/** Statuses in which the pipeline still works on the referral. */
export const BEFORE_HAND_OVER: readonly ReferralStatus[] = ['received', 'triaged', 'matched', 'declined'];

/** Open statuses a referral can be withdrawn from: every status but closed and withdrawn. */
export const WITHDRAWABLE: readonly ReferralStatus[] = ['awaiting-intake', ...BEFORE_HAND_OVER, ...AFTER_HAND_OVER, 'flagged-for-region', 'crisis-handed-off'];

/** Who makes a step: a step of the pipeline, or a person in a role (through a case action). */
export type StepBy = 'triage' | 'match' | 'notify' | Role;

/** Every status change there is: from, to, by whom, and why. Nothing else is ever written. */
export const TRANSITIONS: readonly { from: ReferralStatus; to: ReferralStatus; by: readonly StepBy[]; why: string }[] = [
  { from: 'awaiting-intake', to: 'received', by: ['clientondersteuner'], why: 'the cliëntondersteuner recorded the netwerkintake done with the client' },
  { from: 'received', to: 'triaged', by: ['triage'], why: "the region's triage rules chose a route" },
  { from: 'triaged', to: 'crisis-handed-off', by: ['notify'], why: 'crisis: the crisis service and the referrer are told at once, before any matching' },
  { from: 'triaged', to: 'matched', by: ['match'], why: 'options, a bridging partner and a contact person were found' },
  { from: 'matched', to: 'notified', by: ['notify'], why: 'the contact person (and, with consent, the partner) were told' },
  { from: 'matched', to: 'flagged-for-region', by: ['notify'], why: 'nobody with room: the region assigns a contact person' },
  { from: 'notified', to: 'accepted', by: ['clientondersteuner'], why: 'the contact person takes the case' },
  { from: 'notified', to: 'declined', by: ['clientondersteuner'], why: 'the contact person cannot take it, with a reason' },
  { from: 'declined', to: 'matched', by: ['match'], why: 'another contact person was found' },
  {
    from: 'flagged-for-region',
    to: 'matched',
    by: ['match', 'coordinator'],
    why: 'a contact person has room now (tried on every time-limits run), or the coordinator assigned one by hand or in a neighbouring gemeente',
  },
  { from: 'notified', to: 'matched', by: ['coordinator'], why: 'the contact person let the escalation limit pass: the coordinator gives the case to another' },
  { from: 'accepted', to: 'first-contact', by: ['clientondersteuner'], why: 'the first contact with the client took place' },
  { from: 'first-contact', to: 'in-care', by: ['clientondersteuner'], why: 'a need got help' },
  ...AFTER_HAND_OVER.map((from) => ({ from, to: 'closed' as const, by: ['clientondersteuner'] as const, why: 'the case is over; places are given back' })),
  ...[...WITHDRAWABLE].map((from) => ({
    from,
    to: 'withdrawn' as const,
    by: ['verwijzer', 'clientondersteuner'] as const,
    why: 'the referral is no longer wanted, with a reason',
  })),
];

export const canTransition = (from: ReferralStatus, to: ReferralStatus) => TRANSITIONS.some((step) => step.from === from && step.to === to);
