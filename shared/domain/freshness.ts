import { addCalendarDays } from './calendar-date.ts';
import type { TriageRuleSet } from './region.ts';
import type { FreshnessState } from './vocabulary.ts';

// A sociale kaart goes stale: offers appear and disappear with temporary grants (`001:2975-3003`).
// An entry nobody confirmed for a while is ranked down in matching; later it is no longer offered
// at all. Its partner is asked to confirm it with one click, at each of those two moments.

export type { FreshnessState } from './vocabulary.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The average month, as matching counts months since verification. */
export const MONTH_DAYS = 30.44;

export interface Freshness {
  state: FreshnessState;
  daysSinceVerified: number;
  /** From this day the entry ranks lower; from `excludedFrom` it is not offered. */
  rankedDownFrom: string;
  excludedFrom: string;
}

/** How fresh an entry is: what matching needs, for every service of every referral (no dates built). */
export function freshnessState(lastVerified: string, now: Date, rules: TriageRuleSet['matching']['freshness']): Pick<Freshness, 'state' | 'daysSinceVerified'> {
  const daysSinceVerified = Math.max(0, Math.floor((now.getTime() - Date.parse(lastVerified)) / DAY_MS));
  const months = daysSinceVerified / MONTH_DAYS;
  const state: FreshnessState = months >= rules.excludeAfterMonths ? 'excluded' : months > rules.fullUntilMonths ? 'ranked-down' : 'fresh';
  return { state, daysSinceVerified };
}

/** How fresh an entry is, and from which days it ranks down and drops out: what people see. */
export function freshnessOf(lastVerified: string, now: Date, rules: TriageRuleSet['matching']['freshness']): Freshness {
  return {
    ...freshnessState(lastVerified, now, rules),
    rankedDownFrom: addCalendarDays(lastVerified, Math.ceil(rules.fullUntilMonths * MONTH_DAYS)),
    excludedFrom: addCalendarDays(lastVerified, Math.ceil(rules.excludeAfterMonths * MONTH_DAYS)),
  };
}

/** How long a confirm link in a re-verification e-mail works. */
export const VERIFICATION_LINK_DAYS = 60;
