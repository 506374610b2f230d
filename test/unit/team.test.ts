import { describe, expect, it } from 'vitest';
import { chooseContactPerson, handOverCandidates, handOverDue, isAbsent, noteTaken, type ContactPerson } from '#shared/domain/contact-person.ts';
import { ContactPersonInputSchema, NewContactPersonSchema } from '#shared/domain/contact-person-entry.ts';
import { checkGemeenten, newContactPersonId } from '#shared/pipeline/team.ts';
import { contactPerson } from '../support/contact-persons.ts';

// The team of issue 16: who is available, who takes a case handed over for an absence, and what
// the region may write about a contact person.

const person = contactPerson;

const ids = (people: readonly ContactPerson[]) => people.map((p) => p.contactPersonId);
const away = (from: string, to: string, handOver = true) => ({ absence: { from, to, handOver } });

describe('absence: from and to inclusive, Dutch calendar days', () => {
  it('is absent on the first and the last day, not the day before or after', () => {
    const p = person('a', away('2026-12-07', '2026-12-11'));
    expect(['2026-12-06', '2026-12-07', '2026-12-11', '2026-12-12'].map((day) => isAbsent(p, day))).toEqual([false, true, true, false]);
    expect(isAbsent(person('b'), '2026-12-07')).toBe(false);
  });

  it('a hand-over is due only while the absence runs, and only when asked for', () => {
    expect(handOverDue(away('2026-12-07', '2026-12-11').absence, '2026-12-06')).toBe(false);
    expect(handOverDue(away('2026-12-07', '2026-12-11').absence, '2026-12-07')).toBe(true);
    expect(handOverDue(away('2026-12-07', '2026-12-11', false).absence, '2026-12-08')).toBe(false);
    expect(handOverDue(away('2026-12-07', '2026-12-11').absence, '2026-12-12')).toBe(false);
  });
});

describe('the match step passes over the inactive and the absent', () => {
  const people = [person('inactive', { active: false }), person('absent', away('2026-12-01', '2026-12-31', false)), person('free', { caseload: 9 })];

  it('chooses only someone active and present today, however loaded', () => {
    expect(ids(chooseContactPerson('client-1', 'Rivierstad', people, { today: '2026-12-07' }).candidates)).toEqual(['free']);
    // After the absence the person is chosen again (least loaded first).
    expect(ids(chooseContactPerson('client-1', 'Rivierstad', people, { today: '2027-01-01' }).candidates)).toEqual(['absent', 'free']);
  });

  it('does not keep a client with their contact person while that person is away', () => {
    const current = person('current', { ...away('2026-12-07', '2026-12-07', false), clients: ['client-1'], caseload: 1 });
    expect(ids(chooseContactPerson('client-1', 'Rivierstad', [current, person('other')], { today: '2026-12-07' }).candidates)).toEqual(['other']);
    expect(chooseContactPerson('client-1', 'Rivierstad', [current, person('other')], { today: '2026-12-08' }).continuing).toBe(true);
  });
});

describe('who takes a case handed over for an absence', () => {
  const today = '2026-12-07';
  const absent = person('absent', { ...away(today, '2026-12-18'), clients: ['client-1'], caseload: 1 });

  it('a colleague in the same gemeente with room, least loaded first; never the absent person', () => {
    const people = [absent, person('busy', { caseload: 8 }), person('quiet', { caseload: 2 }), person('elsewhere', { gemeenten: ['Polderdam'] }), person('full', { caseload: 10 })];
    expect(ids(handOverCandidates({ clientRef: 'client-1', gemeente: 'Rivierstad' }, 'absent', people, today))).toEqual(['quiet', 'busy']);
  });

  it('least loaded by share of their limit, so a small caseload is not filled first', () => {
    const people = [absent, person('small', { caseloadLimit: 4, caseload: 2 }), person('large', { caseloadLimit: 20, caseload: 5 })];
    expect(ids(handOverCandidates({ clientRef: 'client-1', gemeente: 'Rivierstad' }, 'absent', people, today))).toEqual(['large', 'small']);
  });

  it('not someone deactivated, absent too, or who declined the case', () => {
    const people = [absent, person('inactive', { active: false }), person('also-away', away('2026-12-01', today)), person('decliner'), person('ok', { caseload: 5 })];
    expect(ids(handOverCandidates({ clientRef: 'client-1', gemeente: 'Rivierstad', declinedBy: ['decliner'] }, 'absent', people, today))).toEqual(['ok']);
  });

  it('a colleague who already is this client’s contact person (another case) keeps them', () => {
    const people = [absent, person('quiet'), person('has-client', { clients: ['client-1'], caseload: 7 })];
    expect(ids(handOverCandidates({ clientRef: 'client-1', gemeente: 'Rivierstad' }, 'absent', people, today))).toEqual(['has-client']);
  });

  it('nobody, when nobody in the gemeente has room: the case stays (and the region is told)', () => {
    const people = [absent, person('full', { caseload: 10 }), person('elsewhere', { gemeenten: ['Heuvelrand'] })];
    expect(handOverCandidates({ clientRef: 'client-1', gemeente: 'Rivierstad' }, 'absent', people, today)).toEqual([]);
  });

  it('spreads several cases: each choice sees the load the previous ones added', () => {
    const people = [absent, person('a', { caseload: 3 }), person('b', { caseload: 4 })];
    const chosen = ['c1', 'c2', 'c3', 'c4'].map((clientRef) => {
      const [first] = handOverCandidates({ clientRef, gemeente: 'Rivierstad' }, 'absent', people, today);
      noteTaken(first!, clientRef);
      return first!.contactPersonId;
    });
    expect(chosen).toEqual(['a', 'a', 'b', 'a']);
    expect(people.slice(1).map((p) => p.caseload)).toEqual([6, 5]);
  });
});

describe('what the region may write about a contact person', () => {
  const valid = {
    name: 'Eva de Boer',
    organisation: 'Cliëntondersteuning Voorbeeld',
    email: 'eva.deboer@clientondersteuning-voorbeeld.example',
    phone: '06-12345678',
    gemeenten: ['Rivierstad'],
    caseloadLimit: 12,
    languages: ['nl', 'en'],
    active: true,
  };
  const errorsOf = (value: unknown) => {
    const parsed = ContactPersonInputSchema.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  };

  it('takes a complete contact person and keeps the phone in E.164', () => {
    const parsed = ContactPersonInputSchema.parse({ ...valid, absence: { from: '2026-12-07', to: '2026-12-07', handOver: true } });
    expect(parsed.phone).toBe('+31612345678');
  });

  it('names the field that is wrong: phone, line breaks, a BSN, dates, unknown fields', () => {
    expect(errorsOf({ ...valid, phone: '12345' })).toEqual(['phone']);
    expect(errorsOf({ ...valid, name: 'Eva\nde Boer' })).toEqual(['name']);
    expect(errorsOf({ ...valid, organisation: 'Team 111222333' })).toEqual(['organisation']);
    expect(errorsOf({ ...valid, absence: { from: '2026-02-30', to: '2026-03-01', handOver: false } })).toEqual(['absence.from']);
    expect(errorsOf({ ...valid, absence: { from: '2026-12-10', to: '2026-12-09', handOver: false } })).toEqual(['absence.to']);
    expect(errorsOf({ ...valid, caseloadLimit: -1 })).toEqual(['caseloadLimit']);
    expect(errorsOf({ ...valid, languages: ['Nederlands'] })).toEqual(['languages.0']);
    expect(errorsOf({ ...valid, clients: ['client-1'] })).toEqual(['']);
    expect(errorsOf({ ...valid, caseload: 3 })).toEqual(['']);
  });

  it('a new contact person may bring an id of the usual form', () => {
    expect(NewContactPersonSchema.safeParse({ ...valid, contactPersonId: 'cp-eva-de-boer' }).success).toBe(true);
    expect(NewContactPersonSchema.safeParse({ ...valid, contactPersonId: 'Eva' }).success).toBe(false);
    expect(newContactPersonId('Fatma Yılmaz')).toMatch(/^cp-fatma-y-?lmaz-[0-9a-f]{4}$/);
  });

  it("takes only the region's own gemeenten, in the region's spelling", () => {
    expect(checkGemeenten('regio-voorbeeld', ['rivierstad', 'Heuvelrand'])).toEqual({ errors: [], gemeenten: ['Rivierstad', 'Heuvelrand'] });
    expect(checkGemeenten('regio-voorbeeld', ['Rivierstad', 'Amsterdam']).errors.map((error) => error.path)).toEqual(['gemeenten.1']);
  });
});

describe('the e-mails of a hand-over: who, which case, until when; no health data', async () => {
  const { contactPersonChangeEmail, referrerContactPersonChangeEmail, regionHandOverEmail } = await import('#shared/domain/hand-over-notifications.ts');
  const { regionById, timeLimitsOf } = await import('#shared/regions/index.ts');
  const context = { region: regionById('regio-voorbeeld').region, limits: timeLimitsOf('regio-voorbeeld'), now: new Date('2026-12-07T09:00:00Z'), publicBaseUrl: 'https://overbrug.example' };
  const referral = {
    referralId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    caseNumber: 'RV-2026-00412',
    status: 'accepted',
    client: { ref: 'client-77', gemeente: 'Rivierstad', postcode: '9902', birthYear: 1990, languages: ['nl'], channels: ['phone'] },
    referrer: { name: 'J. Visser', kind: 'poh-ggz', organisation: 'Huisartsenpraktijk De Linde', email: 'poh.visser@praktijk-delinde.example' },
    triage: { route: 'ggz', urgency: 'high', reasons: ['Somberheid en schulden'], needs: [{ domain: 'financiële situatie', level: 'high' }], clinicalNotes: ['psychose'] },
    intake: { story: 'Het verhaal van de cliënt' },
    contactPerson: { id: 'cp-iris-kok', name: 'Iris Kok', email: 'iris@example.org', phone: '+31612345678' },
    contactPersonChange: { reason: 'absence', from: { id: 'cp-ruben-smit', name: 'Ruben Smit' }, to: 'cp-iris-kok', until: '2026-12-18', returns: true, at: '2026-12-07T09:00:00.000Z' },
    timeline: [],
  } as unknown as import('#shared/domain/referral.ts').Referral;
  const noHealthData = (text: string) => expect(text).not.toMatch(/Somberheid|schulden|financiële|psychose|verhaal|Triage|urgentie/i);

  it('the colleague: that the case is theirs, until when, that it goes back, where to read up', () => {
    const email = contactPersonChangeEmail(referral, context)!;
    expect(email.to).toBe('iris@example.org');
    expect(email.subject).toBe('[DEMO, fictieve regio] Overbrug: u neemt een cliënt over van Ruben Smit (RV-2026-00412)');
    expect(email.text).toContain('Ruben Smit is afwezig tot en met 18 december 2026.');
    expect(email.text).toContain('Na de afwezigheid gaat de cliënt terug naar Ruben Smit.');
    expect(email.text).toContain('https://overbrug.example/#/zaken/0f8fad5b-d9cb-469f-a165-70867728950e');
    noHealthData(email.text);
  });

  it('the referrer: who the contact person is now, and how to reach them', () => {
    const email = referrerContactPersonChangeEmail(referral, context)!;
    expect(email.to).toBe('poh.visser@praktijk-delinde.example');
    expect(email.text).toContain('Iris Kok neemt de zaak over tot Ruben Smit terug is.');
    expect(email.text).toContain('iris@example.org');
    noHealthData(email.text);
  });

  it('the region, when a case could not move: once per absence', () => {
    const stuck = { ...referral, contactPerson: { id: 'cp-ruben-smit', name: 'Ruben Smit', email: 'ruben@example.org' }, handOverFlaggedFor: '2026-12-07/2026-12-18' };
    const email = regionHandOverEmail(stuck, context)!;
    expect(email.to).toBe('regie@regio-voorbeeld.example');
    expect(email.notificationId).toBe('0f8fad5b-d9cb-469f-a165-70867728950e:region-hand-over:2026-12-07/2026-12-18');
    expect(email.text).toContain('De zaak blijft daarom bij Ruben Smit.');
    noHealthData(email.text);
    expect(regionHandOverEmail(referral, context)).toBeUndefined();
  });
});
