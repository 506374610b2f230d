import { addWorkingDays, dutchMidnight, type WorkingDayCalendar } from './dutch-calendar.ts';
import type { Referral } from './referral.ts';
import type { Region } from './region.ts';
import type { ReferralStats } from './referral-stats.ts';
import { AFTER_HAND_OVER } from './transitions.ts';
import type { ReferralStatus, TimeLimit } from './vocabulary.ts';

// The time limits a referral lives under, from the treeknorm (`001:49-51`, `001:662-684`): the
// contact person acts on a new case within 2 working days (a reminder) or the region hears of it
// after 5; the first contact with the client is within 4 weeks (the aanmeldnorm); a client still
// waiting for ggz after 14 weeks appears on the manager's list. A client routed to the social domain
// first, with a mild mental-health need left for later (`001:1966-1987`), has that need looked at
// again after 6 weeks: the contact person is asked whether ggz is still needed. Regions may set their own.

/** The limits, and the calendar their working days are counted on (holidays, the region's closed days). */
export interface TimeLimitsConfig extends WorkingDayCalendar {
  remindAfterWorkingDays: number;
  escalateAfterWorkingDays: number;
  /** The aanmeldnorm: 4 weeks from referral to first contact. */
  firstContactWithinWeeks: number;
  /** The treeknorm: 14 weeks of waiting for ggz. */
  treeknormWeeks: number;
  /** Social problems first: weeks from the triage until the contact person is asked whether ggz is still needed. */
  reassessAfterWeeks: number;
}

export const DEFAULT_TIME_LIMITS: TimeLimitsConfig = {
  remindAfterWorkingDays: 2,
  escalateAfterWorkingDays: 5,
  firstContactWithinWeeks: 4,
  treeknormWeeks: 14,
  reassessAfterWeeks: 6,
  holidays: 'NL',
  closedDays: [],
};

/** A region's time limits: its own where it set them, the treeknorm's otherwise. */
export const timeLimitsFor = (region: Pick<Region, 'timeLimits'>): TimeLimitsConfig => ({ ...DEFAULT_TIME_LIMITS, ...region.timeLimits });

export type { TimeLimit } from './vocabulary.ts';

/** The referral attribute that records when a limit fired, so it fires once. */
export const LIMIT_ATTRIBUTE = {
  reminder: 'remindedAt',
  escalation: 'escalatedAt',
  'no-first-contact': 'noFirstContactAt',
  'beyond-treeknorm': 'beyondTreeknormAt',
  reassessment: 'reassessmentAskedAt',
} as const satisfies Record<TimeLimit, keyof Referral>;

/** Statuses in which the client has not been contacted yet (crisis is handed off, not waiting). */
export const BEFORE_FIRST_CONTACT: readonly ReferralStatus[] = ['awaiting-intake', 'received', 'triaged', 'matched', 'notified', 'accepted', 'declined', 'flagged-for-region'];

/** Statuses of an open case in which a client can still be waiting for ggz. */
export const OPEN_CASE: readonly ReferralStatus[] = [...BEFORE_FIRST_CONTACT, 'first-contact', 'in-care'];

/**
 * The statuses in which each limit applies. The time-limits run sets deadlines only there, and the
 * notice it queues is sent only if the case is still there (it may have moved on meanwhile).
 */
export const LIMIT_APPLIES_IN = {
  reminder: ['notified'],
  escalation: ['notified'],
  'no-first-contact': BEFORE_FIRST_CONTACT,
  'beyond-treeknorm': OPEN_CASE,
  // Asked of the contact person: only once the case is theirs.
  reassessment: AFTER_HAND_OVER,
} as const satisfies Record<TimeLimit, readonly ReferralStatus[]>;

export const limitApplies = (limit: TimeLimit, status: ReferralStatus) => (LIMIT_APPLIES_IN[limit] as readonly ReferralStatus[]).includes(status);

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** When the contact person of a social-first case is asked whether ggz is still needed. */
export const reassessmentDue = (triagedAt: string, config: Pick<TimeLimitsConfig, 'reassessAfterWeeks'>) => new Date(Date.parse(triagedAt) + config.reassessAfterWeeks * WEEK_MS);

/** What the deadlines depend on: the referral's status and its counted facts (also in the indexes). */
export type DeadlineFacts = Pick<Referral, 'status' | 'statusChangedAt' | 'createdAt'> & {
  stats: Pick<ReferralStats, 'route' | 'waitingSince' | 'ggzHelped'> & Partial<Pick<ReferralStats, 'reassessment' | 'triagedAt'>>;
};

/** When each limit falls due for this referral as it is now; absent when it does not apply. */
export function deadlines(referral: DeadlineFacts, config: TimeLimitsConfig): Partial<Record<TimeLimit, Date>> {
  const result: Partial<Record<TimeLimit, Date>> = {};
  // Counted from the hand-over to the current contact person (a new one after a decline starts afresh).
  const notifiedAt = new Date(referral.statusChangedAt);
  if (limitApplies('reminder', referral.status)) result.reminder = addWorkingDays(notifiedAt, config.remindAfterWorkingDays, config);
  if (limitApplies('escalation', referral.status)) result.escalation = addWorkingDays(notifiedAt, config.escalateAfterWorkingDays, config);
  const { route, waitingSince: since, ggzHelped } = referral.stats;
  if (limitApplies('no-first-contact', referral.status) && route !== 'crisis') {
    result['no-first-contact'] = new Date(Date.parse(referral.createdAt) + config.firstContactWithinWeeks * WEEK_MS);
  }
  if (since && limitApplies('beyond-treeknorm', referral.status) && route !== 'crisis' && !ggzHelped) {
    result['beyond-treeknorm'] = new Date(dutchMidnight(since).getTime() + config.treeknormWeeks * WEEK_MS);
  }
  // Until the contact person answered it: is ggz still needed after the social help came first?
  const { reassessment, triagedAt } = referral.stats;
  if (reassessment === 'planned' && triagedAt && limitApplies('reassessment', referral.status)) {
    result.reassessment = reassessmentDue(triagedAt, config);
  }
  return result;
}

/** The limits that have passed by `now` and not fired yet: what the time-limits run acts on. */
export function dueLimits(referral: DeadlineFacts & Partial<Pick<Referral, (typeof LIMIT_ATTRIBUTE)[TimeLimit]>>, now: Date, config: TimeLimitsConfig): TimeLimit[] {
  return (Object.entries(deadlines(referral, config)) as [TimeLimit, Date][])
    .filter(([limit, due]) => due.getTime() <= now.getTime() && !referral[LIMIT_ATTRIBUTE[limit]])
    .map(([limit]) => limit);
}

/** The limits that have passed by `now`, fired or not: what the inbox marks as overdue. */
export function passedLimits(referral: DeadlineFacts, now: Date, config: TimeLimitsConfig): TimeLimit[] {
  return (Object.entries(deadlines(referral, config)) as [TimeLimit, Date][]).filter(([, due]) => due.getTime() <= now.getTime()).map(([limit]) => limit);
}
