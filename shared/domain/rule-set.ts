import type { Condition, ExampleCase, TriageRuleSet } from './region.ts';
import { TriageRuleSetSchema } from './region.ts';
import type { TriageDecision } from './referral.ts';
import { factsOf, holds, triage, weight, type Facts, type TriageInput } from './triage.ts';
import { NAMED_ONLY_CATEGORIES, SERVICE_CATEGORIES, type ServiceCategory } from './vocabulary.ts';

// A region changes its rules safely: the rule set carries its own example cases, and a set that
// breaks one is refused when it loads (`npm run rules -- test` runs them on their own). Pure.

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The intake an example describes in short, as the triage reads a referral. */
export function exampleInput(example: ExampleCase, now: Date): TriageInput {
  const { intake } = example;
  const domains = [
    ...Object.entries(intake.needs ?? {}).map(([domain, need]) => ({ domain, need, helpFrom: 'professional' as const })),
    ...Object.entries(intake.network ?? {}).map(([domain, need]) => ({ domain, need, helpFrom: 'network' as const })),
  ] as TriageInput['intake']['domains'];
  return {
    client: { ref: `example-${example.id}`, birthYear: now.getUTCFullYear() - intake.age, postcode: '0000', gemeente: '', languages: ['nl'], channels: ['phone'] },
    waiting:
      intake.waitingWeeks === undefined
        ? { onGgzWaitlist: false }
        : { onGgzWaitlist: true, since: new Date(now.getTime() - intake.waitingWeeks * WEEK_MS).toISOString().slice(0, 10) },
    intake: {
      story: {},
      domains,
      flags: intake.flags ?? [],
      ...(intake.wishes ? { wishes: { choices: intake.wishes } } : {}),
      ...(intake.naasteBurden ? { naaste: { burden: intake.naasteBurden } } : {}),
    },
    consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: intake.involveNaasten ?? false },
  };
}

/** The kinds of offer (service categories) some need of the decision admits. */
export function kindsAsked(decision: Pick<TriageDecision, 'needs'>): Set<ServiceCategory> {
  const kinds = new Set<ServiceCategory>();
  for (const need of decision.needs) {
    for (const category of need.categories ?? SERVICE_CATEGORIES.filter((candidate) => !NAMED_ONLY_CATEGORIES.includes(candidate))) kinds.add(category);
  }
  return kinds;
}

export interface ExampleResult {
  example: ExampleCase;
  decision: TriageDecision;
  /** What differed from what the example expects, in words; empty when it holds. */
  failures: string[];
}

export function runExample(example: ExampleCase, rules: TriageRuleSet, now: Date): ExampleResult {
  const decision = triage(exampleInput(example, now), rules, now, { ggzConfirmed: example.intake.ggzConfirmed ?? false });
  const { expect } = example;
  const failures: string[] = [];
  if (decision.route !== expect.route) failures.push(`route ${decision.route}, expected ${expect.route}`);
  if (expect.urgency && decision.urgency !== expect.urgency) failures.push(`urgency ${decision.urgency}, expected ${expect.urgency}`);
  if (expect.bridging !== undefined && decision.bridging !== expect.bridging) failures.push(`bridging ${decision.bridging}, expected ${expect.bridging}`);
  if (expect.reassess !== undefined && (decision.reassess ?? false) !== expect.reassess) failures.push(`re-assessment ${decision.reassess ?? false}, expected ${expect.reassess}`);
  const kinds = kindsAsked(decision);
  const missing = (expect.options ?? []).filter((kind) => !kinds.has(kind));
  if (missing.length) failures.push(`no need asks for ${missing.join(', ')}`);
  const unwanted = (expect.noOptions ?? []).filter((kind) => kinds.has(kind));
  if (unwanted.length) failures.push(`a need asks for ${unwanted.join(', ')}, expected none`);
  return { example, decision, failures };
}

export const runExamples = (rules: TriageRuleSet, now: Date): ExampleResult[] => rules.examples.map((example) => runExample(example, rules, now));

export class RuleSetRefused extends Error {
  readonly regionId: string;
  readonly problems: string[];

  constructor(regionId: string, problems: string[]) {
    super(`Triage rules of ${regionId} refused:\n- ${problems.join('\n- ')}`);
    this.name = 'RuleSetRefused';
    this.regionId = regionId;
    this.problems = problems;
  }
}

/**
 * A rule set as a region may load it: valid against the schema, ending with a rule that always
 * holds (every referral gets a route), every example id once, and every example case holding.
 */
export function parseRuleSet(raw: unknown, now = new Date()): TriageRuleSet {
  const rules = TriageRuleSetSchema.parse(raw);
  const problems: string[] = [];
  const last = rules.routeRules.at(-1);
  if (!last || !('always' in last.when)) problems.push('the last route rule must always hold');
  const ids = rules.examples.map((example) => example.id);
  const twice = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (twice.length) problems.push(`example ids used twice: ${[...new Set(twice)].join(', ')}`);
  if (!problems.length) {
    for (const result of runExamples(rules, now)) {
      if (result.failures.length) problems.push(`example ${result.example.id}: ${result.failures.join('; ')}`);
    }
  }
  if (problems.length) throw new RuleSetRefused(rules.regionId, problems);
  return rules;
}

/** A condition with whether it held and why, part by part, as `rules explain` prints it. */
export interface ExplainedCondition {
  text: string;
  held: boolean;
  parts?: ExplainedCondition[];
}

const list = (items: readonly string[]) => items.join(', ');

export function explainCondition(condition: Condition, facts: Facts): ExplainedCondition {
  const held = holds(condition, facts);
  if ('all' in condition || 'any' in condition) {
    const items = 'all' in condition ? condition.all : condition.any;
    return { text: 'all' in condition ? 'all of' : 'any of', held, parts: items.map((item) => explainCondition(item, facts)) };
  }
  if ('not' in condition) return { text: 'not', held, parts: [explainCondition(condition.not, facts)] };
  return { text: describe(condition, facts), held };
}

function describe(condition: Condition, facts: Facts): string {
  if ('always' in condition) return 'always';
  if ('flag' in condition) return `flag ${condition.flag}`;
  if ('need' in condition) return `need ${condition.need.domain} at least ${condition.need.atLeast} (is ${facts.professionalNeeds.get(condition.need.domain) ?? 'none'})`;
  if ('needsCount' in condition) {
    const { atLeast, min, domains, except } = condition.needsCount;
    return `at least ${min} needs at ${atLeast} or more${domains ? ` in ${list(domains)}` : ''}${except ? ` except ${list(except)}` : ''}`;
  }
  if ('onGgzWaitlist' in condition) return `on a ggz waiting list: ${condition.onGgzWaitlist}`;
  if ('waitingWeeksAtLeast' in condition) return `waiting at least ${condition.waitingWeeksAtLeast} weeks (is ${facts.waitingWeeks ?? 'not waiting'})`;
  if ('ageBetween' in condition) return `age ${condition.ageBetween[0]}-${condition.ageBetween[1]} (is ${facts.age})`;
  if ('consent' in condition) return `consent ${condition.consent}`;
  if ('outweighs' in condition) {
    const { needs, over, by } = condition.outweighs;
    const side = (weighed: typeof needs) => `${list(weighed.domains)}${weighed.flags?.length ? ` + ${list(weighed.flags)}` : ''}`;
    return `[${side(needs)}] weighs ${weight(needs, facts)}, at least ${by} more than [${side(over)}] at ${weight(over, facts)}`;
  }
  if ('naasteBurden' in condition) return `naaste burdened at least ${condition.naasteBurden.atLeast} (is ${facts.naasteBurden ?? 'not recorded'})`;
  if ('ggzConfirmed' in condition) return `ggz confirmed at re-assessment: ${condition.ggzConfirmed}`;
  if ('route' in condition) return `route is ${list(condition.route)} (is ${facts.route})`;
  return JSON.stringify(condition);
}

/** Every rule of the set, in order, with whether it held for this intake: what `rules explain` shows. */
export function explainRules(input: TriageInput, rules: TriageRuleSet, now: Date, decision: TriageDecision) {
  const facts = factsOf(input, rules, now);
  const routeFacts = { ...facts, route: decision.route };
  return {
    routeRules: rules.routeRules.map((rule) => ({ id: rule.id, route: rule.route, decided: rule.id === decision.rules[0], condition: explainCondition(rule.when, facts) })),
    urgencyRules: rules.urgencyRules.map((rule) => ({ id: rule.id, atLeast: rule.atLeast, condition: explainCondition(rule.when, routeFacts) })),
    parallelNeeds: rules.parallelNeeds.map((rule) => ({ id: rule.id, need: rule.need.domain, condition: explainCondition(rule.when, routeFacts) })),
    bridging: { id: rules.bridging.id, condition: explainCondition(rules.bridging.when, routeFacts) },
  };
}
