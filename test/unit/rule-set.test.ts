import { describe, expect, it } from 'vitest';
import { indexKaart } from '#shared/domain/matching.ts';
import type { ReferralRequest } from '#shared/domain/referral.ts';
import { compareRuleSets, type ReplayedReferral } from '#shared/domain/rule-compare.ts';
import { explainRules, parseRuleSet, RuleSetRefused, runExamples } from '#shared/domain/rule-set.ts';
import { triage } from '#shared/domain/triage.ts';
import { regionById } from '#shared/regions/index.ts';
import voorbeeldRules from '#shared/regions/regio-voorbeeld/triage-rules.json' with { type: 'json' };
import { demoServices } from '#local/seed.ts';
import { loadSample } from '../support/samples.ts';

// A region changes its rules safely (issue 13, part 4): the rule set's own example cases run on
// every load and in `npm test`; `rules compare` counts what a change would do.

const rules = regionById('regio-voorbeeld').triageRules;
const NOW = new Date('2026-11-22T10:00:00Z');

describe("the demo rule set's example cases", () => {
  it('are at least 20 situations from the sources, each citing its seed lines', () => {
    expect(rules.examples.length).toBeGreaterThanOrEqual(20);
    for (const example of rules.examples) expect(example.seeds.length, example.id).toBeGreaterThan(0);
    // Every route and each of the three principles has a case.
    expect(new Set(rules.examples.map((example) => example.expect.route))).toEqual(new Set(['crisis', 'specialised-ggz', 'basic-ggz', 'social-domain', 'combined', 'advice-only']));
    expect(rules.examples.some((example) => example.expect.reassess)).toBe(true);
    expect(rules.examples.some((example) => example.expect.options?.includes('naasten-support'))).toBe(true);
    expect(rules.examples.some((example) => example.expect.options?.includes('peer-support'))).toBe(true);
  });

  it.each(rules.examples.map((example) => [example.id, example.seeds.join(' ')]))('%s (%s) holds', (id) => {
    const result = runExamples(rules, NOW).find((candidate) => candidate.example.id === id)!;
    expect(result.failures).toEqual([]);
  });
});

describe('loading a rule set', () => {
  it('refuses a set that breaks one of its example cases, and says which and why', () => {
    const changed = structuredClone(voorbeeldRules) as { routeRules: { id: string; when: { all?: { outweighs?: { by: number } }[] } }[] };
    changed.routeRules.find((rule) => rule.id === 'social-first')!.when.all!.find((part) => part.outweighs)!.outweighs!.by = 5;
    let refused: unknown;
    try {
      parseRuleSet(changed, NOW);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RuleSetRefused);
    expect((refused as RuleSetRefused).problems).toContain(
      'example debts-first: route combined, expected social-domain; bridging true, expected false; re-assessment false, expected true; a need asks for basic-ggz, mental-health-centre, expected none',
    );
  });

  it('refuses a set without a final catch-all, and example ids used twice', () => {
    const noCatchAll = { ...structuredClone(voorbeeldRules), routeRules: voorbeeldRules.routeRules.slice(0, -1) };
    expect(() => parseRuleSet(noCatchAll, NOW)).toThrow(/last route rule must always hold/);
    const twice = { ...structuredClone(voorbeeldRules), examples: [...voorbeeldRules.examples, voorbeeldRules.examples[0]] };
    expect(() => parseRuleSet(twice, NOW)).toThrow(/example ids used twice: debts-first/);
  });

  it('loads the demo set as shipped', () => {
    expect(parseRuleSet(voorbeeldRules, NOW).version).toBe(rules.version);
  });
});

describe('rules explain', () => {
  it('says per rule whether it held, part by part, and which rule decided', async () => {
    const request = await loadSample('combined');
    const decision = triage(request, rules, NOW);
    const explained = explainRules(request, rules, NOW, decision);
    const socialFirst = explained.routeRules.find((rule) => rule.id === 'social-first')!;
    expect(socialFirst.condition.held).toBe(false);
    // It is the waiting list that keeps this client from social-first.
    expect(socialFirst.condition.parts!.filter((part) => !part.held).map((part) => part.parts?.[0]?.text)).toEqual(['on a ggz waiting list: true']);
    expect(explained.routeRules.find((rule) => rule.decided)?.id).toBe('mental-and-social');
  });
});

describe('rules compare', () => {
  const at = '2026-10-01T09:00:00.000Z';
  const replayed = (request: ReferralRequest, index: number): ReplayedReferral => ({ ...request, referralId: `r-${index}`, createdAt: at });

  it('counts how routes, urgencies and first options would change, small counts hidden', async () => {
    const debts = await loadSample('social-domain');
    const socialFirst: ReferralRequest = {
      ...debts,
      intake: { ...debts.intake, domains: [...debts.intake.domains.filter((d) => d.domain !== 'mental-health'), { domain: 'mental-health', need: 'some', helpFrom: 'professional' }] },
    };
    const referrals = [...Array.from({ length: 6 }, () => socialFirst), ...Array.from({ length: 2 }, () => debts)].map(replayed);
    // The proposed set drops social-first: those clients would go to ggz and social domain at once.
    const proposed = structuredClone(rules);
    proposed.version = 'proposed';
    proposed.routeRules = proposed.routeRules.filter((rule) => rule.id !== 'social-first');
    proposed.examples = [];
    const kaart = indexKaart((await demoServices('regio-voorbeeld', NOW)).map((entry) => ({ ...entry, placesTaken: 0, reservedFor: [] })));
    const result = compareRuleSets(referrals, rules, proposed, kaart, NOW);
    expect(result.referrals).toBe(8);
    expect(result.routes.current['social-domain']).toBe(8);
    expect(result.routes.proposed).toMatchObject({ 'social-domain': '<5', combined: 'hidden' });
    expect(result.routes.changed).toBe(6);
    expect(result.routes.changes).toEqual({ 'social-domain -> combined': 6 });
    // None stays 0: no change gives nobody away.
    expect(result.reassessments).toEqual({ current: 6, proposed: 0 });
    expect(result.firstOptions.changed).toBe(6);
    expect(Object.keys(result.firstOptions.changes).some((change) => change.startsWith('psychische gezondheid:'))).toBe(true);
    // Per route, a proposed count that differs by fewer than 5 is hidden: the difference would tell.
    const combined = await loadSample('combined');
    const mixed = [...Array.from({ length: 3 }, () => socialFirst), ...Array.from({ length: 10 }, () => debts), ...Array.from({ length: 10 }, () => combined)].map(replayed);
    const few = compareRuleSets(mixed, rules, proposed, kaart, NOW);
    expect(few.routes.current).toMatchObject({ 'social-domain': 13, combined: 10 });
    expect(few.routes.proposed).toMatchObject({ 'social-domain': 'hidden', combined: 'hidden' });
    expect(few.routes.changes).toEqual({ 'social-domain -> combined': '<5' });
    // Fewer than 5 referrals: nothing but "<5".
    expect(compareRuleSets(referrals.slice(0, 3), rules, proposed, kaart, NOW)).toMatchObject({ referrals: '<5', routes: { changed: '<5' } });
  });
});
