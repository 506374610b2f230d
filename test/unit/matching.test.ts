import { describe, expect, it } from 'vitest';
import { matchReferral, type MatchRequest } from '#shared/domain/matching.ts';
import type { Need } from '#shared/domain/referral.ts';
import type { Service } from '#shared/domain/sociale-kaart.ts';
import { regionById } from '#shared/regions/index.ts';
import { demoContactPersons, demoServices } from '#local/seed.ts';
import { testService } from '../support/fixtures.ts';

const rules = regionById('regio-voorbeeld').triageRules.matching;
const NOW = new Date('2026-11-22T10:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);

const service = (overrides: Partial<Service> = {}) => testService({ lastVerified: daysAgo(10), ...overrides });

const finances: Need = { domain: 'finances', level: 'high', reason: 'test' };

function request(overrides: Partial<MatchRequest['client']> = {}, needs: Need[] = [finances], bridging = false): MatchRequest {
  return {
    referralId: 'ref-1',
    client: { gemeente: 'Rivierstad', postcode: '9902', birthYear: 1990, languages: ['nl'], channels: ['phone'], ...overrides },
    triage: { needs, urgency: 'normal', bridging },
  };
}

const ids = (result: ReturnType<typeof matchReferral>) => result.matches.map((match) => match.serviceId);
const match = (req: MatchRequest, services: Service[], exclude?: Set<string>) => matchReferral(req, services, { rules, now: NOW, exclude });

describe('eligibility filters', () => {
  it('keeps services whose area holds the gemeente or the PC4, and drops the rest', () => {
    const inGemeente = service();
    const inPostcode = service({ area: { gemeenten: [], postcodes: ['9902'] } });
    const elsewhere = service({ area: { gemeenten: ['Polderdam'], postcodes: ['9921'] } });
    expect(ids(match(request(), [inGemeente, inPostcode, elsewhere])).sort()).toEqual([inGemeente.serviceId, inPostcode.serviceId].sort());
  });

  it('drops services by age range, language, channel and when inactive', () => {
    const good = service();
    const services = [
      good,
      service({ ageRange: { min: 12, max: 25 } }),
      service({ languages: ['en'] }),
      service({ channels: ['online'] }),
      service({ active: false }),
    ];
    expect(ids(match(request(), services))).toEqual([good.serviceId]);
  });

  it('drops a full service unless this referral already holds a place there', () => {
    const full = service({ capacity: 1, placesTaken: 1, reservedFor: ['someone-else'] });
    const heldByUs = service({ capacity: 1, placesTaken: 1, reservedFor: ['ref-1'] });
    const unlimited = service({ capacity: null });
    expect(ids(match(request(), [full, heldByUs, unlimited])).sort()).toEqual([heldByUs.serviceId, unlimited.serviceId].sort());
  });

  it('keeps ggz treatment, crisis care and naasten support out of needs that do not name them', () => {
    const ggz = service({ category: 'basic-ggz', domains: ['finances'] });
    const naasten = service({ category: 'naasten-support', domains: ['finances'] });
    const social = service();
    expect(ids(match(request(), [ggz, naasten, social]))).toEqual([social.serviceId]);
  });

  it('answers a need with categories only from those categories', () => {
    const debtHelp = service({ category: 'debt-help' });
    const socialWork = service({ category: 'social-work' });
    const result = match(request({}, [{ ...finances, categories: ['debt-help'] }]), [debtHelp, socialWork]);
    expect(ids(result)).toEqual([debtHelp.serviceId]);
  });
});

describe('ranking', () => {
  it('prefers the service whose main domain is the need', () => {
    const main = service({ domains: ['finances'], lastVerified: daysAgo(200) });
    const side = service({ domains: ['household', 'finances'] });
    const result = match(request(), [side, main]);
    expect(ids(result)[0]).toBe(main.serviceId);
    expect(result.matches[0]!.reasons[0]).toContain('hoofdtaak');
  });

  it('weighs waiting time against urgency', () => {
    const quick = service({ waitingWeeks: 1 });
    const slow = service({ waitingWeeks: 10 });
    const normal = match(request(), [slow, quick]);
    expect(ids(normal)[0]).toBe(quick.serviceId);
    // Within what the urgency accepts, waiting does not count against a service.
    const [a, b] = normal.matches;
    expect(a!.score).toBeGreaterThan(b!.score);
    const low = matchReferral({ ...request(), triage: { ...request().triage, urgency: 'low' } }, [slow, quick], { rules, now: NOW });
    expect(low.matches[0]!.score).toBe(low.matches[1]!.score);
  });

  it('ranks down entries not verified for 6 months, and leaves out those not verified for 9', () => {
    const fresh = service({ lastVerified: daysAgo(20) });
    const stale = service({ lastVerified: daysAgo(230) });
    const gone = service({ lastVerified: daysAgo(280) });
    const result = match(request(), [gone, stale, fresh]);
    expect(ids(result)).toEqual([fresh.serviceId, stale.serviceId]);
    expect(result.matches[0]!.score).toBeGreaterThan(result.matches[1]!.score);
    expect(result.matches[1]!.reasons.join(' ')).toContain('230 dagen');
    // A need whose only offer is that old stays unmet, and says why.
    const alone = match(request(), [gone]);
    expect(alone.matches).toEqual([]);
    expect(alone.unmetNeeds[0]).toMatchObject({ reason: 'not-available', detail: expect.stringContaining('niet geverifieerd') });
  });

  it('lists at most the configured number of options per need and reserves only the first', () => {
    const services = Array.from({ length: 6 }, () => service());
    const result = match(request(), services);
    expect(result.matches).toHaveLength(rules.optionsPerNeed);
    expect(result.matches.map((m) => m.placeReserved)).toEqual([true, false, false]);
    expect(result.placesToReserve).toEqual([result.matches[0]!.serviceId]);
  });

  it('reserves nothing at a service without a capacity limit', () => {
    const result = match(request(), [service({ capacity: null })]);
    expect(result.matches[0]!.placeReserved).toBe(false);
    expect(result.placesToReserve).toEqual([]);
  });

  it('is deterministic, breaking ties by service id', () => {
    const services = [service({ serviceId: 'b-svc' }), service({ serviceId: 'a-svc' })];
    expect(ids(match(request(), services))).toEqual(['a-svc', 'b-svc']);
    expect(match(request(), services)).toEqual(match(request(), [...services].reverse()));
  });

  it('skips excluded services, e.g. one whose last place just went', () => {
    const first = service({ serviceId: 'a-first' });
    const second = service({ serviceId: 'b-second' });
    expect(ids(match(request(), [first, second], new Set(['a-first'])))).toEqual(['b-second']);
  });
});

describe('bridging', () => {
  it('adds exactly one bridging partner, with a reserved place', () => {
    const partners = [service({ bridging: true, domains: ['social-contacts'] }), service({ bridging: true, domains: ['mental-health'] })];
    const result = match(request({}, [], true), partners);
    const bridging = result.matches.filter((m) => m.kind === 'bridging');
    expect(bridging).toHaveLength(1);
    expect(bridging[0]).toMatchObject({ forNeed: 'waiting', placeReserved: true });
    expect(result.placesToReserve).toEqual([bridging[0]!.serviceId]);
  });

  it('prefers a partner that starts now over one with a wait', () => {
    const now = service({ bridging: true, domains: ['mental-health'], waitingWeeks: 0 });
    const later = service({ bridging: true, domains: ['mental-health'], waitingWeeks: 3 });
    expect(ids(match(request({}, [], true), [later, now]))).toEqual([now.serviceId]);
  });

  it('adds no partner when bridging does not apply', () => {
    expect(match(request({}, [], false), [service({ bridging: true })]).matches).toEqual([]);
  });
});

describe('unmet needs', () => {
  it('says "not available" when nothing in the area answers the need', () => {
    const result = match(request(), [service({ area: { gemeenten: ['Polderdam'] } })]);
    expect(result.unmetNeeds).toEqual([{ domain: 'finances', reason: 'not-available', detail: expect.stringContaining('Rivierstad') }]);
  });

  it('says "waiting list" when all that answers it is full', () => {
    const result = match(request(), [service({ capacity: 0 })]);
    expect(result.unmetNeeds[0]!.reason).toBe('waiting-list');
  });

  it('says "not eligible" when what answers it does not fit the client', () => {
    const result = match(request({ languages: ['ar'] }), [service({ languages: ['nl'] })]);
    expect(result.unmetNeeds[0]).toMatchObject({ reason: 'not-eligible', detail: expect.stringContaining('taal') });
  });

  it('records a missing bridging partner as unmet, not as silence', () => {
    const result = match(request({}, [], true), []);
    expect(result.unmetNeeds).toEqual([{ domain: 'waiting', reason: 'not-available', detail: expect.any(String) }]);
  });
});

describe('the demo sociale kaart', () => {
  it('is fictional, and spans the life domains, the acht functies and enough bridging partners', async () => {
    const services = await demoServices('regio-voorbeeld', NOW);
    expect(services.length).toBeGreaterThanOrEqual(40);
    expect(new Set(services.flatMap((s) => s.domains)).size).toBe(13);
    expect(new Set(services.flatMap((s) => s.functies))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(services.filter((s) => s.bridging).length).toBeGreaterThanOrEqual(5);
    for (const s of services) expect(s.contact.email).toMatch(/\.example$/);
    const people = await demoContactPersons('regio-voorbeeld');
    expect(people.length).toBeGreaterThanOrEqual(6);
    for (const p of people) expect(p.email).toMatch(/\.example$/);
  });

  it('offers a bridging partner with a free place in every demo gemeente', async () => {
    const services = (await demoServices('regio-voorbeeld', NOW)).map((entry) => ({ ...entry, placesTaken: 0, reservedFor: [] }));
    for (const [gemeente, postcode] of [['Rivierstad', '9901'], ['Heuvelrand', '9911'], ['Polderdam', '9921']] as const) {
      const result = match(request({ gemeente, postcode }, [], true), services);
      expect(result.matches.filter((m) => m.kind === 'bridging')).toHaveLength(1);
    }
  });
});
