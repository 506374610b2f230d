import { matchReferral, type KaartIndex } from './matching.ts';
import type { Referral, TriageDecision } from './referral.ts';
import type { TriageRuleSet } from './region.ts';
import { SMALL_COUNT, suppress, suppressBreakdown, type Count } from './statistics.ts';
import { triage } from './triage.ts';
import { needLabel, ROUTES, URGENCIES, type Route, type Urgency } from './vocabulary.ts';

// What a rule change would do, before a region makes it (`npm run rules -- compare`): the region's
// stored referrals of a period replayed through the current and the proposed rule set, their
// intakes only, matched on the region's own kaart, and counted with small counts hidden as the
// statistics hide them (shared/domain/statistics.ts). Pure.

export type ReplayedReferral = Pick<Referral, 'referralId' | 'createdAt' | 'client' | 'waiting' | 'intake' | 'consent'>;

export interface RuleComparison {
  referrals: Count;
  routes: { current: Record<Route, Count>; proposed: Record<Route, Count>; changed: Count; changes: Record<string, Count> };
  urgencies: { current: Record<Urgency, Count>; proposed: Record<Urgency, Count>; changed: Count; changes: Record<string, Count> };
  reassessments: { current: Count; proposed: Count };
  /** Referrals whose first option for some need would differ, and per need which option would give way to which. */
  firstOptions: { changed: Count; changes: Record<string, Count> };
}

/**
 * The proposed counts, with those that differ from the current ones by fewer than 5 hidden: the
 * difference would tell a small number of changed referrals that the change counts hide.
 */
function hideSmallDifferences<K extends string>(current: Record<K, number>, proposed: Record<K, number>): Record<K, Count> {
  const shown = suppressBreakdown(proposed);
  for (const key of Object.keys(proposed) as K[]) if (smallDifference(current[key], proposed[key]) && shown[key] !== '<5') shown[key] = 'hidden';
  return shown;
}

const smallDifference = (a: number, b: number) => a !== b && Math.abs(a - b) < SMALL_COUNT;

/** A count on its own: under 5 reads "<5"; none stays 0, as in the statistics' breakdowns (no change gives nobody away). */
const single = (count: number): Count => (count === 0 ? 0 : suppress(count));

const tally = <K extends string>(keys: readonly K[], values: K[]) => Object.fromEntries(keys.map((key) => [key, values.filter((value) => value === key).length])) as Record<K, number>;

function countChanges(pairs: [string, string][]): { changed: Count; changes: Record<string, Count> } {
  const counts = new Map<string, number>();
  for (const [before, after] of pairs) if (before !== after) counts.set(`${before} -> ${after}`, (counts.get(`${before} -> ${after}`) ?? 0) + 1);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  return { changed: single(total), changes: suppressBreakdown(Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)))) };
}

/** The first option per need of a decision on this kaart (crisis is handed off, not matched). */
function firstOptions(referral: ReplayedReferral, decision: TriageDecision, kaart: KaartIndex, rules: TriageRuleSet, now: Date): Map<string, string> {
  const first = new Map<string, string>();
  if (decision.route === 'crisis') return first;
  const { matches } = matchReferral({ referralId: referral.referralId, client: referral.client, triage: decision }, kaart, { rules: rules.matching, now });
  for (const match of matches) if (match.rank === 1) first.set(match.forNeed, match.name);
  return first;
}

export function compareRuleSets(referrals: readonly ReplayedReferral[], current: TriageRuleSet, proposed: TriageRuleSet, kaart: KaartIndex, now: Date): RuleComparison {
  const routes: [Route, Route][] = [];
  const urgencies: [Urgency, Urgency][] = [];
  const options: [string, string][] = [];
  let changedFirst = 0;
  let reassessCurrent = 0;
  let reassessProposed = 0;
  for (const referral of referrals) {
    // Decided as on the day the referral came in: its age and weeks of waiting as they were then.
    const at = new Date(referral.createdAt);
    const before = triage(referral, current, at);
    const after = triage(referral, proposed, at);
    routes.push([before.route, after.route]);
    urgencies.push([before.urgency, after.urgency]);
    if (before.reassess) reassessCurrent++;
    if (after.reassess) reassessProposed++;
    const firstBefore = firstOptions(referral, before, kaart, current, now);
    const firstAfter = firstOptions(referral, after, kaart, proposed, now);
    let differs = false;
    for (const need of new Set([...firstBefore.keys(), ...firstAfter.keys()])) {
      const from = firstBefore.get(need) ?? 'geen';
      const to = firstAfter.get(need) ?? 'geen';
      if (from === to) continue;
      differs = true;
      options.push([`${needLabel(need)}: ${from}`, to]);
    }
    if (differs) changedFirst++;
  }
  const counted = <K extends string>(keys: readonly K[], pairs: [K, K][]) => {
    const current = tally(keys, pairs.map(([before]) => before));
    return { current: suppressBreakdown(current), proposed: hideSmallDifferences(current, tally(keys, pairs.map(([, after]) => after))), ...countChanges(pairs) };
  };
  return {
    referrals: suppress(referrals.length),
    routes: counted(ROUTES, routes),
    urgencies: counted(URGENCIES, urgencies),
    reassessments: { current: single(reassessCurrent), proposed: smallDifference(reassessCurrent, reassessProposed) ? 'hidden' : single(reassessProposed) },
    firstOptions: { changed: single(changedFirst), changes: countChanges(options).changes },
  };
}
