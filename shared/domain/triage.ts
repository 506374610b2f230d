import type { Condition, TriageRuleSet, Weighed } from './region.ts';
import type { Need, ReferralRequest, TriageDecision } from './referral.ts';
import { ageInYear } from './referral-stats.ts';
import {
  LEVENSDOMEIN_INFO,
  needLabel,
  ROUTE_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  WISH_LABELS,
  type Levensdomein,
  type NaasteBurden,
  type NeedKey,
  type NeedLevel,
  type Route,
  type Urgency,
} from './vocabulary.ts';

export type TriageInput = Pick<ReferralRequest, 'client' | 'waiting' | 'intake' | 'consent'>;

/** What the triage knows beyond the intake: a re-assessment that confirmed ggz is still needed. */
export interface TriageContext {
  ggzConfirmed?: boolean;
}

export interface Facts {
  /** Needs for which the client wants professional help, by domain. */
  professionalNeeds: Map<Levensdomein, Exclude<NeedLevel, 'none'>>;
  flags: Set<string>;
  onGgzWaitlist: boolean;
  waitingWeeks: number | undefined;
  age: number;
  consent: TriageInput['consent'];
  /** The naaste's burden, recorded only with consent to involve naasten. */
  naasteBurden: NaasteBurden | undefined;
  ggzConfirmed: boolean;
  needWeights: TriageRuleSet['needWeights'];
  route?: Route;
}

const LEVEL_RANK = { some: 1, high: 2 } as const;
const BURDEN_RANK: Record<NaasteBurden, number> = { some: 1, high: 2 };
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export function factsOf(input: TriageInput, rules: Pick<TriageRuleSet, 'needWeights'>, now: Date, context: TriageContext = {}): Facts {
  const professionalNeeds = new Map<Levensdomein, Exclude<NeedLevel, 'none'>>();
  for (const assessment of input.intake.domains) {
    if (assessment.need !== 'none' && assessment.helpFrom !== 'network') {
      professionalNeeds.set(assessment.domain, assessment.need);
    }
  }
  const since = input.waiting?.onGgzWaitlist && input.waiting.since ? Date.parse(input.waiting.since) : undefined;
  return {
    professionalNeeds,
    flags: new Set(input.intake.flags),
    onGgzWaitlist: input.waiting?.onGgzWaitlist ?? false,
    waitingWeeks: since === undefined ? undefined : Math.max(0, Math.floor((now.getTime() - since) / WEEK_MS)),
    age: ageInYear(input.client.birthYear, now),
    consent: input.consent,
    naasteBurden: input.consent.involveNaasten ? input.intake.naaste?.burden : undefined,
    ggzConfirmed: context.ggzConfirmed === true,
    needWeights: rules.needWeights,
  };
}

/** What these needs weigh: each professional need in the domains at its level's weight, each flag set at the flag weight. */
export function weight(weighed: Weighed, facts: Facts): number {
  let total = 0;
  for (const domain of weighed.domains) {
    const level = facts.professionalNeeds.get(domain);
    if (level) total += facts.needWeights[level];
  }
  for (const flag of weighed.flags ?? []) if (facts.flags.has(flag)) total += facts.needWeights.flag;
  return total;
}

export function holds(condition: Condition, facts: Facts): boolean {
  if ('always' in condition) return true;
  if ('flag' in condition) return facts.flags.has(condition.flag);
  if ('need' in condition) {
    const level = facts.professionalNeeds.get(condition.need.domain);
    return level !== undefined && LEVEL_RANK[level] >= LEVEL_RANK[condition.need.atLeast];
  }
  if ('needsCount' in condition) {
    const { atLeast, min, domains, except } = condition.needsCount;
    let count = 0;
    for (const [domain, level] of facts.professionalNeeds) {
      if (domains && !domains.includes(domain)) continue;
      if (except?.includes(domain)) continue;
      if (LEVEL_RANK[level] >= LEVEL_RANK[atLeast]) count++;
    }
    return count >= min;
  }
  if ('onGgzWaitlist' in condition) return facts.onGgzWaitlist === condition.onGgzWaitlist;
  if ('waitingWeeksAtLeast' in condition) {
    return facts.waitingWeeks !== undefined && facts.waitingWeeks >= condition.waitingWeeksAtLeast;
  }
  if ('ageBetween' in condition) return facts.age >= condition.ageBetween[0] && facts.age <= condition.ageBetween[1];
  if ('consent' in condition) return facts.consent[condition.consent];
  if ('outweighs' in condition) return weight(condition.outweighs.needs, facts) >= weight(condition.outweighs.over, facts) + condition.outweighs.by;
  if ('naasteBurden' in condition) return facts.naasteBurden !== undefined && BURDEN_RANK[facts.naasteBurden] >= BURDEN_RANK[condition.naasteBurden.atLeast];
  if ('ggzConfirmed' in condition) return facts.ggzConfirmed === condition.ggzConfirmed;
  if ('route' in condition) return facts.route !== undefined && condition.route.includes(facts.route);
  if ('all' in condition) return condition.all.every((c) => holds(c, facts));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts));
  return !holds(condition.not, facts);
}

const moreUrgent = (a: Urgency, b: Urgency): Urgency => (URGENCIES.indexOf(a) <= URGENCIES.indexOf(b) ? a : b);

/**
 * Decides route, urgency, the needs to match and whether the client gets a bridging partner, from
 * the region's versioned rule set. Pure: the same intake, rules and date give the same decision.
 */
export function triage(input: TriageInput, rules: TriageRuleSet, now: Date, context: TriageContext = {}): TriageDecision {
  const facts = factsOf(input, rules, now, context);
  const fired: string[] = [];
  const reasons: string[] = [];
  const clinicalNotes: string[] = [];
  const note = (rule: { clinicalNote?: string }) => {
    if (rule.clinicalNote) clinicalNotes.push(rule.clinicalNote);
  };

  const routeRule = rules.routeRules.find((rule) => holds(rule.when, facts));
  if (!routeRule) {
    // The rule set loader insists on a final catch-all rule, so this is a broken rule set.
    throw new Error(`Triage rule set ${rules.regionId} ${rules.version} has no rule for this referral`);
  }
  facts.route = routeRule.route;
  fired.push(routeRule.id);
  reasons.push(`Route ${ROUTE_LABELS[routeRule.route]}: ${routeRule.reason}`);
  note(routeRule);

  let urgency = routeRule.urgency;
  for (const rule of rules.urgencyRules) {
    if (!holds(rule.when, facts)) continue;
    const raised = moreUrgent(rule.atLeast, urgency);
    fired.push(rule.id);
    if (raised !== urgency) {
      reasons.push(`Urgentie ${URGENCY_LABELS[raised]}: ${rule.reason}`);
      note(rule);
      urgency = raised;
    }
  }

  const needs = new Map<NeedKey, Need>();
  for (const [domain, level] of facts.professionalNeeds) {
    const info = LEVENSDOMEIN_INFO[domain];
    const need: Need = {
      domain,
      level,
      reason: `Hulpvraag ${level === 'high' ? 'hoog' : 'enigszins'} op ${info.label}; professionele hulp gewenst.`,
    };
    if (domain === 'mental-health') need.categories = rules.mentalHealthCategories[routeRule.route] ?? [];
    needs.set(domain, need);
  }
  for (const rule of rules.parallelNeeds) {
    if (!holds(rule.when, facts)) continue;
    fired.push(rule.id);
    reasons.push(rule.reason);
    note(rule);
    const existing = needs.get(rule.need.domain);
    needs.set(rule.need.domain, {
      domain: rule.need.domain,
      level: existing && LEVEL_RANK[existing.level] > LEVEL_RANK[rule.need.level] ? existing.level : rule.need.level,
      categories: rule.need.categories,
      reason: existing ? `${existing.reason} ${rule.reason}` : rule.reason,
    });
  }
  if (routeRule.reassess) {
    const mental = facts.professionalNeeds.get('mental-health');
    if (mental) {
      reasons.push(`De hulpvraag bij ${needLabel('mental-health')} komt later terug: de contactpersoon krijgt de vraag of ggz dan nog nodig is.`);
    }
  }
  // A mental-health need that this route answers with no ggz category is left to the route itself.
  for (const [domain, need] of needs) {
    if (need.categories?.length === 0) needs.delete(domain);
  }

  const bridging = routeRule.route !== 'crisis' && holds(rules.bridging.when, facts);
  if (bridging) {
    fired.push(rules.bridging.id);
    reasons.push(rules.bridging.reason);
  }
  const wishes = input.intake.wishes?.choices ?? [];
  if (wishes.length) reasons.push(`Het aanbod houdt rekening met wat de cliënt wil: ${wishes.map((wish) => WISH_LABELS[wish]).join(', ')}.`);
  // Which rule set decided is in `ruleSet` and `rules`, for who wants it: the reasons are for people to read.

  return {
    route: routeRule.route,
    urgency,
    reasons,
    clinicalNotes,
    rules: fired,
    ruleSet: { regionId: rules.regionId, version: rules.version },
    needs: [...needs.values()],
    bridging,
    ...(routeRule.reassess && facts.professionalNeeds.has('mental-health') ? { reassess: true } : {}),
    ...(wishes.length ? { wishes } : {}),
    decidedAt: now.toISOString(),
  };
}
