import type { Referral } from './referral.ts';
import type { ReferralStats } from './referral-stats.ts';
import { LIMIT_ATTRIBUTE, passedLimits, type TimeLimit, type TimeLimitsConfig } from './time-limits.ts';
import { URGENCIES } from './vocabulary.ts';

/** A referral as a line in a list (a referrer's referrals, a contact person's inbox). */
export interface ReferralSummary {
  referralId: string;
  /** The number people name the case by; null for referrals made before case numbers. */
  caseNumber: string | null;
  status: Referral['status'];
  createdAt: string;
  statusChangedAt: string;
  /** The referrer's pseudonymous client reference; null once the case was pseudonymised (retention). */
  clientRef: string | null;
  gemeente: string | null;
  route: ReferralStats['route'] | null;
  urgency: ReferralStats['urgency'] | null;
  contactPerson: { id: string; name: string } | null;
  /** Time limits that passed: overdue reaction, no first contact within the aanmeldnorm, beyond the treeknorm. */
  overdue: TimeLimit[];
}

/** The summary of a referral as the list indexes project it (status, dates, stats, client, contact person). */
export function summaryOf(item: Referral, limits: TimeLimitsConfig, now: Date): ReferralSummary {
  const stats = item.stats;
  return {
    referralId: item.referralId,
    caseNumber: item.caseNumber ?? null,
    status: item.status,
    createdAt: item.createdAt,
    statusChangedAt: item.statusChangedAt,
    clientRef: item.client?.ref ?? null,
    gemeente: item.client?.gemeente ?? stats?.gemeente ?? null,
    route: stats?.route ?? null,
    urgency: stats?.urgency ?? null,
    contactPerson: item.contactPerson ? { id: item.contactPerson.id, name: item.contactPerson.name } : null,
    overdue: overdueOf(item, limits, now),
  };
}

/** Limits that passed now, or fired already (the time-limits run judges by its own clock). */
function overdueOf(item: Referral, limits: TimeLimitsConfig, now: Date): TimeLimit[] {
  const passed = item.stats ? passedLimits({ ...item, stats: item.stats }, now, limits) : [];
  // A re-assessment the contact person answered is no longer open, though it was asked.
  const fired = (Object.keys(LIMIT_ATTRIBUTE) as TimeLimit[]).filter((limit) => item[LIMIT_ATTRIBUTE[limit]] && (limit !== 'reassessment' || item.stats?.reassessment === 'planned'));
  return [...new Set([...passed, ...fired])];
}

const urgencyRank = (summary: ReferralSummary) => (summary.urgency ? URGENCIES.indexOf(summary.urgency) : URGENCIES.length);

/** The inbox order: what waits for a reaction first, then the most urgent, then the newest. */
export function inboxOrder(a: ReferralSummary, b: ReferralSummary): number {
  const waiting = (summary: ReferralSummary) => (summary.status === 'notified' ? 0 : 1);
  return waiting(a) - waiting(b) || urgencyRank(a) - urgencyRank(b) || b.createdAt.localeCompare(a.createdAt);
}
