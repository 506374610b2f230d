import { describe, expect, it } from 'vitest';
import { allowedActions, checkAction } from '#shared/domain/lifecycle.ts';
import { explainMatching, indexKaart, matchReferral, type MatchRequest } from '#shared/domain/matching.ts';
import type { ReferralRequest } from '#shared/domain/referral.ts';
import { normaliseReferral, ReferralRequestSchema } from '#shared/domain/referral-request.ts';
import type { Service } from '#shared/domain/sociale-kaart.ts';
import { statsOf } from '#shared/domain/referral-stats.ts';
import { deadlines, DEFAULT_TIME_LIMITS } from '#shared/domain/time-limits.ts';
import { triage } from '#shared/domain/triage.ts';
import { LEVENSDOMEINEN, ROUTES } from '#shared/domain/vocabulary.ts';
import { regionById } from '#shared/regions/index.ts';
import { demoServices } from '#local/seed.ts';
import { testService } from '../support/fixtures.ts';
import { loadSample, readEvent } from '../support/samples.ts';

/** A body as POST /referrals takes it, as Overbrug then works with it. */
const parseRequest = (body: unknown) => normaliseReferral(ReferralRequestSchema.parse(body)).request;

// The three principles of care the sources name, and the demo kaart that can answer them. Each
// test cites the seed lines it holds the product to (`file:line` in /work/shared/seeds).

const rules = regionById('regio-voorbeeld').triageRules;
const NOW = new Date('2026-11-22T10:00:00Z');
const decide = (request: ReferralRequest, context = {}) => triage(request, rules, NOW, context);

async function intake(domains: ReferralRequest['intake']['domains'], flags: ReferralRequest['intake']['flags'] = [], extra: Partial<ReferralRequest> = {}): Promise<ReferralRequest> {
  const base = await loadSample('basic-ggz');
  return { ...base, waiting: { onGgzWaitlist: false }, ...extra, intake: { ...base.intake, domains, flags, ...(extra.intake ?? {}) } };
}
const professional = (domain: (typeof LEVENSDOMEINEN)[number], need: 'some' | 'high') => ({ domain, need, helpFrom: 'professional' as const });

const demoKaart = async () => indexKaart((await demoServices('regio-voorbeeld', NOW)).map((entry) => ({ ...entry, placesTaken: 0, reservedFor: [] })));
const client = (overrides: Partial<MatchRequest['client']> = {}): MatchRequest['client'] => ({
  gemeente: 'Rivierstad',
  postcode: '9902',
  birthYear: 1980,
  languages: ['nl'],
  channels: ['phone', 'in-person', 'online', 'post'],
  ...overrides,
});

describe('social problems first (001:1966-1987, 001:2118-2121)', () => {
  it('routes debts with mild gloom and no specialised signal to the social domain, with a re-assessment planned', async () => {
    // "ruimte ... om in zo'n geval te kiezen voor (eerst) het bieden van hulp bij de sociale problemen" (001:1976-1978)
    const decision = decide(await intake([professional('finances', 'high'), professional('mental-health', 'some')], ['money-worries']));
    expect(decision).toMatchObject({ route: 'social-domain', reassess: true, bridging: false });
    expect(decision.rules[0]).toBe('social-first');
    // In plain words: the social help first, and the mental-health question comes back.
    expect(decision.reasons.join(' ')).toMatch(/Eerst hulp bij die problemen/);
    expect(decision.reasons.join(' ')).toMatch(/komt later terug/);
    // No ggz treatment in the plan; light support for the mild complaints is.
    const mental = decision.needs.find((need) => need.domain === 'mental-health');
    expect(mental?.categories).not.toContain('basic-ggz');
    expect(mental?.categories).toContain('recovery-college');
  });

  it("routes the README's social-first sample to the social domain first, with debt help, naasten support and the client's wish", async () => {
    const sample = parseRequest(await readEvent('referrals/social-first.json'));
    const decision = decide(sample);
    expect(decision).toMatchObject({ route: 'social-domain', reassess: true, wishes: ['no-groups'] });
    expect(decision.needs.map((need) => need.domain).sort()).toEqual(['finances', 'household', 'mental-health', 'naasten']);
  });

  it('keeps combined when both are substantial, or the client already waits for ggz (en-en, 001:1979-1982)', async () => {
    expect(decide(await intake([professional('finances', 'high'), professional('mental-health', 'high')], ['money-worries'])).route).toBe('combined');
    expect(decide(await intake([professional('finances', 'some'), professional('mental-health', 'some')])).route).toBe('combined');
    // The README's combined sample waits for ggz already: it still routes combined.
    expect(decide(await loadSample('combined'))).toMatchObject({ route: 'combined' });
    expect(decide(await loadSample('combined')).reassess).toBeUndefined();
  });

  it('defines "outweigh" as data: the social needs weigh at least `by` more than the mental-health need', async () => {
    const socialFirst = rules.routeRules.find((rule) => rule.id === 'social-first')!;
    const request = await intake([professional('housing', 'some'), professional('social-contacts', 'some'), professional('mental-health', 'some')]);
    // Weights some=1, high=2: 2 against 1 is not enough with by=2 ...
    expect(decide(request).route).toBe('combined');
    // ... and is with by=1, without changing any code.
    const looser = structuredClone(rules);
    const rule = looser.routeRules.find((candidate) => candidate.id === 'social-first')!;
    const outweighs = (rule.when as { all: { outweighs?: { by: number } }[] }).all.find((part) => part.outweighs)!.outweighs!;
    outweighs.by = 1;
    expect(triage(request, looser, NOW).route).toBe('social-domain');
    expect(socialFirst.reassess).toBe(true);
  });

  it('does not put a specialised signal (trauma, addiction, LVB, cognitive) on the social route first (001:2027-2031)', async () => {
    for (const flag of ['trauma', 'lvb', 'cognitive'] as const) {
      expect(decide(await intake([professional('finances', 'high'), professional('mental-health', 'some')], ['money-worries', flag])).route, flag).toBe('combined');
    }
  });

  it('routes to ggz once the contact person confirms at the re-assessment that ggz is still needed', async () => {
    const request = await intake([professional('finances', 'high'), professional('mental-health', 'some')], ['money-worries']);
    const again = decide(request, { ggzConfirmed: true });
    expect(again).toMatchObject({ route: 'combined', bridging: true });
    expect(again.reassess).toBeUndefined();
    expect(again.needs.find((need) => need.domain === 'mental-health')?.categories).toContain('basic-ggz');
  });

  it('offers the contact person the re-assessment only on such a case, once, after the hand-over', async () => {
    const decision = decide(await intake([professional('finances', 'high'), professional('mental-health', 'some')], ['money-worries']));
    expect(allowedActions({ status: 'accepted', triage: decision }, 'clientondersteuner')).toContain('reassess');
    expect(allowedActions({ status: 'accepted', triage: decision }, 'verwijzer')).not.toContain('reassess');
    expect(allowedActions({ status: 'matched', triage: decision }, 'clientondersteuner')).not.toContain('reassess');
    expect(allowedActions({ status: 'accepted', triage: decide(await loadSample('combined')) }, 'clientondersteuner')).not.toContain('reassess');
    const answered = { status: 'accepted' as const, triage: decision, reassessment: { ggzStillNeeded: false, at: NOW.toISOString(), by: 'cp' } };
    expect(allowedActions(answered, 'clientondersteuner')).not.toContain('reassess');
    expect(() => checkAction(answered as never, { action: 'reassess', ggzStillNeeded: true }, 'clientondersteuner')).toThrow(/does not apply/);
  });

  it('asks the contact person after 6 weeks, once the case is theirs, until they answered', async () => {
    const decision = decide(await intake([professional('finances', 'high'), professional('mental-health', 'some')], ['money-worries']));
    const referral = { ...(await loadSample('social-domain')), referralId: 'r', regionId: 'regio-voorbeeld', createdAt: NOW.toISOString(), statusChangedAt: NOW.toISOString(), timeline: [], triage: decision };
    const stats = statsOf({ ...referral, status: 'accepted' });
    expect(stats.reassessment).toBe('planned');
    const due = deadlines({ status: 'accepted', statusChangedAt: referral.statusChangedAt, createdAt: referral.createdAt, stats }, DEFAULT_TIME_LIMITS).reassessment;
    expect(due?.toISOString()).toBe(new Date(NOW.getTime() + 6 * 7 * 86_400_000).toISOString());
    expect(deadlines({ status: 'triaged', statusChangedAt: referral.statusChangedAt, createdAt: referral.createdAt, stats }, DEFAULT_TIME_LIMITS).reassessment).toBeUndefined();
    const answered = statsOf({ ...referral, status: 'accepted', reassessment: { ggzStillNeeded: false, at: NOW.toISOString(), by: 'cp' } });
    expect(answered.reassessment).toBe('ggz-not-needed');
    expect(deadlines({ status: 'accepted', statusChangedAt: referral.statusChangedAt, createdAt: referral.createdAt, stats: answered }, DEFAULT_TIME_LIMITS).reassessment).toBeUndefined();
  });
});

describe('at home first: the least intensive care that is enough (004:2327-2350, 000:95-135, 001:2027-2031)', () => {
  const specialised = { domain: 'mental-health' as const, level: 'high' as const, categories: ['specialised-ggz' as const], reason: 'test' };
  const clinic = () => testService({ serviceId: 'a-clinic', category: 'specialised-ggz', domains: ['mental-health'], functies: [7], waitingWeeks: 0 });
  const atHome = () => testService({ serviceId: 'z-iht', category: 'specialised-ggz', domains: ['mental-health'], functies: [6], waitingWeeks: 5 });
  const request = (urgency: 'high' | 'immediate'): MatchRequest => ({ referralId: 'r-1', client: client(), triage: { needs: [specialised], urgency, bridging: false } });

  it('never ranks an admission first on a non-crisis route, however short its wait, and reserves no place there', () => {
    // Functie 6 is there to prevent admission (000:121-125); 7 is admission (000:127-129).
    const result = matchReferral(request('high'), [clinic(), atHome()], { rules: rules.matching, now: NOW });
    expect(result.matches.map((match) => match.serviceId)).toEqual(['z-iht', 'a-clinic']);
    expect(result.placesToReserve).toEqual(['z-iht']);
    expect(result.matches[1]!.reasons.join(' ')).toMatch(/Opname of verblijf.*geen plaats/);
    // An admission alone is still offered, but no place is held at the clinic.
    const alone = matchReferral(request('high'), [clinic()], { rules: rules.matching, now: NOW });
    expect(alone.matches[0]).toMatchObject({ serviceId: 'a-clinic', placeReserved: false });
    expect(alone.placesToReserve).toEqual([]);
  });

  it('lets urgency immediate go by score, admission included', () => {
    const result = matchReferral(request('immediate'), [clinic(), atHome()], { rules: rules.matching, now: NOW });
    expect(result.placesToReserve).toContain(result.matches[0]!.serviceId);
  });

  it('weighs intensity as data: functie 6 counts a little less than ambulant care, 7 and 8 nothing', () => {
    const [explained] = explainMatching(request('high'), [clinic(), atHome()], { rules: rules.matching, now: NOW });
    expect(explained!.candidates.map((candidate) => [candidate.serviceId, candidate.parts?.intensity, candidate.last])).toEqual([
      ['z-iht', 0.8, false],
      ['a-clinic', 0, true],
    ]);
    expect(rules.matching.intensity.admissionFuncties).toEqual([7, 8]);
  });

  it('on the demo kaart, offers intensive home treatment before the clinic for a high specialised need', async () => {
    const kaart = await demoKaart();
    const decision = decide(await intake([professional('mental-health', 'high')], ['psychosis']));
    const result = matchReferral({ referralId: 'r-2', client: client(), triage: decision }, kaart, { rules: rules.matching, now: NOW });
    const mental = result.matches.filter((match) => match.forNeed === 'mental-health');
    expect(mental[0]!.serviceId).not.toBe('vb-kliniek-voorbeeld');
    expect(mental.map((match) => match.serviceId)).toContain('vb-iht');
    expect(result.placesToReserve).not.toContain('vb-kliniek-voorbeeld');
    // Housing: Housing First and woonbegeleiding before beschermd wonen (functie 8).
    const housing = matchReferral(
      { referralId: 'r-3', client: client(), triage: { needs: [{ domain: 'housing', level: 'high', reason: 't' }], urgency: 'normal', bridging: false } },
      kaart,
      { rules: rules.matching, now: NOW },
    ).matches;
    expect(housing.at(-1)?.serviceId === 'vb-beschermd-wonen' || !housing.some((match) => match.serviceId === 'vb-beschermd-wonen')).toBe(true);
    expect(housing[0]!.serviceId).not.toBe('vb-beschermd-wonen');
  });
});

describe("the client's wishes and limits (004:603-605, dignity of risk 004:613-617)", () => {
  const need = { domain: 'mental-health' as const, level: 'some' as const, categories: ['peer-support' as const, 'recovery-college' as const], reason: 't' };
  const group = () => testService({ serviceId: 'a-group', category: 'peer-support', domains: ['mental-health'], functies: [2], inGroups: true, channels: ['in-person'] });
  const oneOnOne = () => testService({ serviceId: 'b-online', category: 'recovery-college', domains: ['mental-health'], functies: [4], channels: ['online'] });
  const match = (wishes: MatchRequest['triage']['wishes'], services: Service[]) =>
    matchReferral({ referralId: 'r', client: client(), triage: { needs: [need], urgency: 'normal', bridging: false, wishes } }, services, { rules: rules.matching, now: NOW });

  it('are recorded in the intake as choices and in own words, and carried by the triage into matching', async () => {
    const body = await intake([professional('mental-health', 'some')], [], { intake: { story: {}, domains: [], flags: [], wishes: { choices: ['no-groups', 'online-only'], ownWords: 'Ik praat liever één op één, via de laptop.' } } });
    const parsed = parseRequest(body);
    expect(parsed.intake.wishes).toEqual({ choices: ['no-groups', 'online-only'], ownWords: 'Ik praat liever één op één, via de laptop.' });
    expect(ReferralRequestSchema.safeParse({ ...body, intake: { ...body.intake, wishes: { choices: ['no-groups', 'no-groups'] } } }).success).toBe(false);
    const decision = decide(parsed);
    expect(decision.wishes).toEqual(['no-groups', 'online-only']);
    expect(decision.reasons.join(' ')).toMatch(/houdt rekening met wat de cliënt wil: geen groepen, alleen online/);
  });

  it('leave out what goes against them, and say so in the reasons', () => {
    expect(match(['no-groups'], [group(), oneOnOne()]).matches.map((m) => m.serviceId)).toEqual(['b-online']);
    expect(match(['no-groups'], [group(), oneOnOne()]).matches[0]!.reasons.join(' ')).toMatch(/Past bij wat de cliënt wil: geen groepen/);
    expect(match(['online-only'], [group(), oneOnOne()]).matches.map((m) => m.serviceId)).toEqual(['b-online']);
    expect(match(['not-online'], [group(), oneOnOne()]).matches.map((m) => m.serviceId)).toEqual(['a-group']);
    const clinic = testService({ category: 'peer-support', domains: ['mental-health'], functies: [7] });
    expect(match(['no-admission'], [clinic]).matches).toEqual([]);
  });

  it('record a need left unanswered by a wish as the client\'s choice, not as ineligibility', () => {
    const result = match(['no-groups'], [group()]);
    expect(result.unmetNeeds).toEqual([{ domain: 'mental-health', reason: 'other', detail: expect.stringContaining('past niet bij wat de cliënt wil (geen groepen)') }]);
  });
});

describe('naasten in the plan (004:745-761, 004:601, 002:2555-2567)', () => {
  const naaste = { burden: 'high' as const, needs: 'Ik slaap slecht van de zorgen en weet niet wat ik moet doen als het misgaat.' };

  it('records the naaste\'s burden and needs only with consent to involve naasten (004:750)', async () => {
    const body = await intake([professional('mental-health', 'some')], [], { consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: true }, intake: { story: {}, domains: [], flags: [], naaste } });
    expect(parseRequest(body).intake.naaste).toEqual(naaste);
    const refused = ReferralRequestSchema.safeParse({ ...body, consent: { ...body.consent, involveNaasten: false } });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((issue) => issue.path.join('.'))).toContain('intake.naaste');
  });

  it('gives a burdened naaste a naasten-support option (functie 3), matched on the demo kaart', async () => {
    const body = await intake([professional('mental-health', 'some')], [], { consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: true }, intake: { story: {}, domains: [], flags: [], naaste } });
    const decision = decide(parseRequest(body));
    expect(decision.needs.find((need) => need.domain === 'naasten')).toMatchObject({ categories: ['naasten-support'] });
    const result = matchReferral({ referralId: 'r', client: client(), triage: decision }, await demoKaart(), { rules: rules.matching, now: NOW });
    const support = result.matches.filter((match) => match.forNeed === 'naasten');
    expect(support.length).toBeGreaterThan(0);
    for (const match of support) expect(['vb-steunpunt-naasten', 'vb-mantelzorg-respijt']).toContain(match.serviceId);
  });

  it('leaves naasten support out when the naaste is not burdened or not to be involved', async () => {
    const unburdened = decide(await intake([professional('mental-health', 'some')], [], { consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: true } }));
    expect(unburdened.needs.some((need) => need.domain === 'naasten')).toBe(false);
    // Consent withdrawn from the intake as sent (the schema refuses this; the triage does not rely on it).
    const withoutConsent = decide({ ...(await intake([professional('mental-health', 'some')])), intake: { story: {}, domains: [professional('mental-health', 'some')], flags: [], naaste } });
    expect(withoutConsent.needs.some((need) => need.domain === 'naasten')).toBe(false);
  });
});

describe('peers and recovery for everyone who waits or goes to ggz (004:1495-1538, 004:1523-1526, 001:2016-2028)', () => {
  it('offers a herstelgroep, ervaringsdeskundige or lotgenotencontact on every ggz route and to everyone on a waiting list', async () => {
    for (const route of ['basic-ggz', 'specialised-ggz', 'combined'] as const) {
      const decision = decide(await loadSample(route));
      expect(decision.needs.find((need) => need.domain === 'peers')?.categories, route).toEqual(['peer-support', 'experience-expert', 'recovery-college']);
    }
    const waiting = decide({ ...(await loadSample('social-domain')), waiting: { onGgzWaitlist: true, since: '2026-10-01' } });
    expect(waiting.needs.some((need) => need.domain === 'peers')).toBe(true);
    expect(decide(await loadSample('social-domain')).needs.some((need) => need.domain === 'peers')).toBe(false);
    expect(decide(await loadSample('crisis')).needs.some((need) => need.domain === 'peers')).toBe(false);
  });

  it('finds a peer option in every demo gemeente, next to the other options', async () => {
    const kaart = await demoKaart();
    const decision = decide(await loadSample('basic-ggz'));
    for (const [gemeente, postcode] of [['Rivierstad', '9901'], ['Heuvelrand', '9911'], ['Polderdam', '9921']] as const) {
      const result = matchReferral({ referralId: 'r', client: client({ gemeente, postcode }), triage: decision }, kaart, { rules: rules.matching, now: NOW });
      const peers = result.matches.filter((match) => match.forNeed === 'peers');
      expect(peers.length, gemeente).toBeGreaterThan(0);
      expect(result.matches.some((match) => match.forNeed === 'mental-health'), gemeente).toBe(true);
      expect(peers[0]!.reasons[0]).toMatch(/herstel met lotgenoten/);
    }
  });
});

describe('the demo kaart answers every need of the demo rules in every gemeente', () => {
  it('has an entry for each levensdomein, each route\'s mental-health need and each parallel need, for an adult, in every gemeente', async () => {
    const kaart = await demoKaart();
    const needs = [
      ...LEVENSDOMEINEN.filter((domain) => domain !== 'mental-health').map((domain) => ({ domain, level: 'some' as const, reason: domain })),
      ...ROUTES.flatMap((route) => (rules.mentalHealthCategories[route]?.length ? [{ domain: 'mental-health' as const, level: 'some' as const, categories: rules.mentalHealthCategories[route], reason: route }] : [])),
      ...rules.parallelNeeds.map((rule) => ({ ...rule.need, reason: rule.id })),
    ];
    const unmet: string[] = [];
    for (const [gemeente, postcode] of [['Rivierstad', '9901'], ['Heuvelrand', '9911'], ['Polderdam', '9921']] as const) {
      for (const need of needs) {
        const result = matchReferral({ referralId: 'r', client: client({ gemeente, postcode }), triage: { needs: [need], urgency: 'normal', bridging: need.reason === 'peers-while-waiting' } }, kaart, {
          rules: rules.matching,
          now: NOW,
        });
        for (const gap of result.unmetNeeds) unmet.push(`${gemeente} ${need.reason}: ${gap.detail}`);
      }
    }
    expect(unmet).toEqual([]);
  });

  it('has what the sources name: night shelter and Housing First, school return for 16-27, IHT, herstelgroep, WRAP, ervaringsdeskundigen', async () => {
    const services = await demoServices('regio-voorbeeld', NOW);
    const byId = (id: string) => services.find((service) => service.serviceId === id)!;
    expect(byId('vb-nachtopvang-de-haven')).toMatchObject({ category: 'shelter', functies: [4] });
    expect(byId('vb-housing-first')).toMatchObject({ category: 'housing-support', functies: [4] });
    expect(byId('vb-terug-naar-school')).toMatchObject({ category: 'education', ageRange: { min: 16, max: 27 } });
    expect(byId('vb-iht')).toMatchObject({ category: 'specialised-ggz', functies: [6] });
    expect(byId('vb-herstelgroep')).toMatchObject({ category: 'peer-support', inGroups: true });
    expect(byId('vb-wrap-training')).toMatchObject({ category: 'recovery-college', inGroups: true });
    expect(byId('vb-ervaringsdeskundigen')).toMatchObject({ category: 'experience-expert' });
    // Naasten support exists and a rule now reaches it (the naasten-support parallel need).
    expect(services.filter((service) => service.category === 'naasten-support').every((service) => service.functies.includes(3))).toBe(true);
    expect(rules.parallelNeeds.some((rule) => rule.need.categories.includes('naasten-support'))).toBe(true);
  });
});
