import { describe, expect, it } from 'vitest';
import { handOffActions, handOffChange, HandOffActionRefused, handOffView } from '#shared/domain/hand-off.ts';
import type { Match, Referral } from '#shared/domain/referral.ts';

// A bridging partner's view of its hand-off and its own two steps (issue 11).

const NOW = new Date('2026-12-07T10:00:00Z');
const option = (overrides: Partial<Match>): Match => ({
  serviceId: 'vb-herstelacademie',
  name: 'Herstelacademie',
  organisation: 'Ervaringskracht',
  kind: 'care',
  forNeed: 'social-contacts',
  domains: ['social-contacts'],
  rank: 1,
  score: 0.9,
  reasons: [],
  waitingWeeks: 0,
  placeReserved: false,
  contact: { email: 'aanmelding@ervaringskracht.example' },
  ...overrides,
});

function handedOff(matches: Match[], overrides: Partial<Referral> = {}): Referral {
  return {
    referralId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    regionId: 'regio-voorbeeld',
    caseNumber: 'RV-2026-00412',
    status: 'notified',
    createdAt: '2026-12-01T09:00:00Z',
    statusChangedAt: '2026-12-01T09:00:05Z',
    referrer: { kind: 'poh-ggz', name: 'J. Visser', organisation: 'De Linde', email: 'poh@delinde.example' },
    client: { ref: 'hdl-1', birthYear: 1991, postcode: '9902', gemeente: 'Rivierstad', languages: ['nl'], channels: ['phone'] },
    intake: { story: {}, domains: [], flags: [] },
    consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false },
    matches,
    contactPerson: { id: 'cp-anouk-de-vries', name: 'Anouk de Vries', email: 'anouk@voorbeeld.example', phone: '+31100000101' },
    notifications: [{ kind: 'bridging-partner', notificationId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f:bridging-partner:vb-herstelacademie', sentAt: '2026-12-01T09:00:06Z' }],
    timeline: [],
    ...overrides,
  };
}

describe('the hand-off as its partner sees it', () => {
  it('says a place is reserved exactly when the bridging match holds one, not the option for a need of the same service', () => {
    // The same service is first an option for a need (no place) and then the bridging partner (a place).
    const referral = handedOff([option({ placeReserved: false }), option({ kind: 'bridging', forNeed: 'waiting', placeReserved: true })]);
    expect(handOffView(referral, 'vb-herstelacademie', NOW).placeReserved).toBe(true);
    const notHeld = handedOff([option({ placeReserved: true }), option({ kind: 'bridging', forNeed: 'waiting', placeReserved: false })]);
    expect(handOffView(notHeld, 'vb-herstelacademie', NOW).placeReserved).toBe(false);
  });

  it('names the case and whom to call, and shows how to reach the client only while the hand-off holds', () => {
    const referral = handedOff([option({ kind: 'bridging', forNeed: 'waiting' })], { hasClientContact: true });
    const contact = { viaReferrer: false, phone: '+31100000301', email: 'c@voorbeeld.example', bestTimes: 'na 15.00 uur', note: 'voor de contactpersoon' };
    const view = handOffView(referral, 'vb-herstelacademie', NOW, contact);
    expect(view).toMatchObject({ caseNumber: 'RV-2026-00412', contactPerson: { name: 'Anouk de Vries', phone: '+31100000101', email: 'anouk@voorbeeld.example' } });
    // The note is meant for the contact person, not the partner.
    expect(view.client).toEqual({ contact: { phone: '+31100000301', email: 'c@voorbeeld.example', bestTimes: 'na 15.00 uur' } });
    const withdrawn = { ...referral, consentGrants: { 'contact-person': ['functional-needs' as const], partners: [], naasten: [], client: [] } };
    expect(handOffView(withdrawn, 'vb-herstelacademie', NOW, contact)).toMatchObject({ state: 'consent-withdrawn', client: null, contactPerson: null, shared: null });
  });

  it('lets the partner accept, then record its first contact once; never after the hand-off ended', () => {
    const referral = handedOff([option({ kind: 'bridging', forNeed: 'waiting' })]);
    const person = { id: 'user-partner', actor: { role: 'partner' as const, name: 'Aanmelding Ervaringskracht' } };
    expect(handOffActions(referral, 'vb-herstelacademie')).toEqual(['accept', 'record-first-contact']);
    const accepted = { ...referral, ...handOffChange(referral, 'vb-herstelacademie', { action: 'accept' }, person, NOW) };
    expect(accepted.timeline.map((entry) => entry.event)).toEqual(['partner-accepted']);
    expect(handOffActions(accepted, 'vb-herstelacademie')).toEqual(['record-first-contact']);
    expect(() => handOffChange(accepted, 'vb-herstelacademie', { action: 'accept' }, person, NOW)).toThrow(HandOffActionRefused);
    // Not before the hand-off, not in the future.
    expect(() => handOffChange(accepted, 'vb-herstelacademie', { action: 'record-first-contact', at: '2026-11-30' }, person, NOW)).toThrow('before the hand-off');
    expect(() => handOffChange(accepted, 'vb-herstelacademie', { action: 'record-first-contact', at: '2026-12-08' }, person, NOW)).toThrow('future');
    const contacted = handOffChange(accepted, 'vb-herstelacademie', { action: 'record-first-contact', at: '2026-12-07' }, person, NOW);
    expect(contacted.handOffProgress['vb-herstelacademie']).toMatchObject({ acceptedAt: expect.any(String), firstContact: { date: '2026-12-07' } });

    const closed = { ...referral, status: 'withdrawn' as const };
    expect(handOffActions(closed, 'vb-herstelacademie')).toEqual([]);
    expect(() => handOffChange(closed, 'vb-herstelacademie', { action: 'accept' }, person, NOW)).toThrow(expect.objectContaining({ reason: 'hand-off-ended' }));
  });
});
