import { describe, expect, it } from 'vitest';
import { clientLetter, clientLetterHtml, clientLetterText } from '#shared/domain/client-letter.ts';
import { formatCaseNumber, parseCaseSearch } from '#shared/domain/case-number.ts';
import { nextStep } from '#shared/domain/next-step.ts';
import type { Referral } from '#shared/domain/referral.ts';
import { regionById, timeLimitsOf } from '#shared/regions/index.ts';

// The letter for the client (issue 11): plain Dutch, who calls and by when, the partner while waiting,
// what they agreed to share, crisis numbers; the crisis letter on the crisis route.

const { region } = regionById('regio-voorbeeld');
const limits = timeLimitsOf('regio-voorbeeld');
const NOW = new Date('2026-12-07T10:00:00Z');

const referral = (overrides: Partial<Referral> = {}): Referral => ({
  referralId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  regionId: region.regionId,
  caseNumber: 'RV-2026-00412',
  status: 'notified',
  createdAt: '2026-12-04T09:00:00Z',
  statusChangedAt: '2026-12-04T09:00:05Z',
  referrer: { kind: 'poh-ggz', name: 'J. Visser', organisation: 'Huisartsenpraktijk De Linde', email: 'poh@delinde.example', phone: '+31100000111' },
  client: { ref: 'hdl-0417', birthYear: 1991, postcode: '9902', gemeente: 'Rivierstad', languages: ['nl'], channels: ['phone'] },
  intake: { story: { whatHappened: 'Baan verloren' }, domains: [], flags: [] },
  consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false, emailClient: true },
  triage: { route: 'combined', urgency: 'normal', reasons: [], clinicalNotes: [], rules: [], ruleSet: { regionId: region.regionId, version: '1' }, needs: [], bridging: true, decidedAt: '2026-12-04T09:00:01Z' },
  matches: [
    {
      serviceId: 'vb-wachtmaatje',
      name: 'Wachtmaatje',
      organisation: 'Vriendendienst',
      kind: 'bridging',
      forNeed: 'waiting',
      domains: [],
      rank: 1,
      score: 1,
      reasons: [],
      waitingWeeks: 0,
      placeReserved: true,
      contact: { email: 'aanmelding@vriendendienst.example', phone: '+31100000205' },
    },
  ],
  contactPerson: { id: 'cp-anouk-de-vries', name: 'Anouk de Vries', email: 'anouk@voorbeeld.example', phone: '+31100000101' },
  // Assigned on Friday 4 December: two working days on is Tuesday 8 December.
  timeline: [{ event: 'contact-person-assigned', at: '2026-12-04T09:00:04Z', by: 'match', detail: 'Anouk de Vries' }],
  ...overrides,
});

describe('the client letter', () => {
  it('says who calls and by when, who helps while waiting, what is shared, and whom to call in a crisis', () => {
    const text = clientLetterText(clientLetter(referral(), region, limits, NOW));
    expect(text).toContain('Anouk de Vries neemt uiterlijk op dinsdag 8 december 2026 contact met u op.');
    expect(text).toContain('- Telefoon: 010 000 0101');
    expect(text).toContain('Wachtmaatje (Vriendendienst)');
    expect(text).toContain('010 000 0205');
    expect(text).toContain('mag uw hulpvragen en uw verhaal lezen, maar niet wat er over een diagnose bekend is');
    expect(text).toContain('U krijgt deze brief ook per e-mail.');
    expect(text).toContain('Wilt u iets niet meer delen?');
    for (const line of ['bel 112', '113 Zelfmoordpreventie: 113 of 0800-0113', 'Huisartsenpost Regio Voorbeeld', region.crisisService.phone]) expect(text).toContain(line);
    expect(text).toContain('zaaknummer RV-2026-00412');
    // Never the client's own details or story.
    expect(text).not.toContain('hdl-0417');
    expect(text).not.toContain('Baan verloren');
  });

  it('before a contact person is assigned, says one will call and whom to ask; after the first contact, no longer that they will call', () => {
    const waiting = clientLetterText(clientLetter(referral({ contactPerson: null, timeline: [] }), region, limits, NOW));
    expect(waiting).toContain('Binnen een paar werkdagen hoort u wie dat is');
    expect(waiting).toContain('J. Visser, Huisartsenpraktijk De Linde');
    const contacted = clientLetterText(clientLetter(referral({ firstContact: { date: '2026-12-07', channel: 'phone', recordedAt: NOW.toISOString(), by: 'x' } }), region, limits, NOW));
    expect(contacted).toContain('U had op maandag 7 december 2026 voor het eerst contact.');
    expect(contacted).not.toContain('neemt uiterlijk');
  });

  it('is the crisis letter on the crisis route', () => {
    const crisis = referral({ triage: { ...referral().triage!, route: 'crisis', urgency: 'immediate' }, matches: [], contactPerson: null });
    const letter = clientLetter(crisis, region, limits, NOW);
    expect(letter.title).toBe('U krijgt nu hulp van de crisisdienst');
    expect(clientLetterText(letter)).toContain(region.crisisService.name);
  });

  it('escapes what it prints and carries its one stylesheet', () => {
    const html = clientLetterHtml(clientLetter(referral({ referrer: { ...referral().referrer, name: '<script>alert(1)</script>' } }), region, limits, NOW));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('@page { size: A4');
  });
});

describe('the next step and the case number', () => {
  it('dates the contact person’s reaction in working days and the first contact by the aanmeldnorm', () => {
    expect(nextStep(referral(), limits)).toEqual({ step: 'contact-person-reacts', due: '2026-12-08' });
    expect(nextStep(referral({ status: 'accepted' }), limits)).toEqual({ step: 'first-contact', due: '2027-01-01' });
    expect(nextStep(referral({ status: 'closed' }), limits)).toEqual({ step: 'none', due: null });
  });

  it('reads a search as a whole case number, its last digits, or the start of a client reference', () => {
    expect(formatCaseNumber('RV', '2026', 412)).toBe('RV-2026-00412');
    expect(formatCaseNumber('RV', '2026', 123456)).toBe('RV-2026-123456');
    expect(parseCaseSearch(' rv-2026-00412 ')).toEqual({ caseNumber: 'RV-2026-00412', clientRefPrefix: 'rv-2026-00412' });
    expect(parseCaseSearch('00412')).toEqual({ caseSequence: 412, clientRefPrefix: '00412' });
    expect(parseCaseSearch('hdl-04')).toEqual({ clientRefPrefix: 'hdl-04' });
    expect(parseCaseSearch('0')).toEqual({ clientRefPrefix: '0' });
  });
});
