import { describe, expect, it } from 'vitest';
import { applyChange, TransitionNotAllowed } from '#shared/domain/referral-change.ts';
import { grantsFrom } from '#shared/domain/consent.ts';
import type { Referral } from '#shared/domain/referral.ts';
import { loadSample } from '../support/samples.ts';

// A change to a referral as the domain decides it: the lifecycle's table, and the attributes the
// stores' indexes are derived from. The stores only write what comes out.

const AT = '2026-11-23T10:00:00.000Z';
const NOW = new Date('2026-11-23T12:00:00Z');

const sample = await loadSample('combined');

function referral(overrides: Partial<Referral> = {}): Referral {
  const { contact: _contact, ...client } = sample.client;
  return {
    referralId: 'r-1',
    client,
    intake: sample.intake,
    consent: sample.consent,
    consentGrants: grantsFrom(sample.consent),
    referrer: sample.referrer,
    regionId: 'regio-voorbeeld',
    status: 'notified',
    createdAt: '2026-11-20T09:00:00.000Z',
    statusChangedAt: '2026-11-20T09:05:00.000Z',
    timeline: [{ event: 'received', at: '2026-11-20T09:00:00.000Z', by: 'user-1' }],
    contactPerson: { id: 'cp-anouk-de-vries', name: 'Anouk de Vries', organisation: 'Wijkteam', email: 'anouk@example.org', phone: '+31612345678' },
    ...overrides,
  } as Referral;
}

describe('a change to a referral', () => {
  it('refuses a status change the lifecycle does not list, before anything is written', () => {
    expect(() => applyChange(referral(), 'notified', { to: 'in-care', timeline: [{ event: 'in-care', at: AT, by: 'cp-1' }] }, NOW)).toThrow(TransitionNotAllowed);
    expect(() => applyChange(referral(), 'notified', { to: 'accepted', timeline: [{ event: 'accepted', at: AT, by: 'cp-1' }] }, NOW)).not.toThrow();
  });

  it('dates the status change by its timeline entry, and by the clock only without one', () => {
    const accepted = applyChange(referral(), 'notified', { to: 'accepted', timeline: [{ event: 'accepted', at: AT, by: 'cp-1' }] }, NOW);
    expect(accepted.next).toMatchObject({ status: 'accepted', statusChangedAt: AT });
    expect(accepted.set).toMatchObject({ statusChangedAt: AT });
    expect(applyChange(referral(), 'notified', { to: 'accepted', timeline: [] }, NOW).set.statusChangedAt).toBe(NOW.toISOString());
    // Without a status change the date stays.
    expect(applyChange(referral(), 'notified', { timeline: [{ event: 'note', at: AT, by: 'cp-1' }] }, NOW).set).not.toHaveProperty('statusChangedAt');
  });

  it("derives the index attributes: the contact person's id is written with them, and removed when the case loses them", () => {
    const assigned = applyChange(referral({ contactPerson: null as never }), 'notified', {
      set: { contactPerson: referral().contactPerson },
      timeline: [{ event: 'assigned', at: AT, by: 'coordinator-1' }],
    }, NOW);
    expect(assigned.set.contactPersonId).toBe('cp-anouk-de-vries');
    expect(assigned.next.contactPersonId).toBe('cp-anouk-de-vries');
    const unassigned = applyChange(referral({ contactPersonId: 'cp-anouk-de-vries' } as Partial<Referral>), 'notified', {
      remove: ['contactPerson'],
      timeline: [{ event: 'unassigned', at: AT, by: 'coordinator-1' }],
    }, NOW);
    expect(unassigned.remove).toEqual(expect.arrayContaining(['contactPerson', 'contactPersonId']));
    expect(unassigned.next.contactPersonId).toBeUndefined();
  });

  it('adds and clears owed notices, and appends what was sent', () => {
    const owed = applyChange(referral({ pendingNotices: ['amendment'] }), 'notified', { addNotices: ['feedback-accepted'], timeline: [] }, NOW);
    expect(owed.next.pendingNotices?.sort()).toEqual(['amendment', 'feedback-accepted']);
    const sent = { kind: 'amendment' as const, notificationId: 'r-1:amendment', sentAt: AT };
    const cleared = applyChange(owed.next, 'notified', { clearNotices: ['amendment'], appendNotifications: [sent], timeline: [] }, NOW);
    expect(cleared.next.pendingNotices).toEqual(['feedback-accepted']);
    expect(cleared.next.notifications).toEqual([sent]);
  });
});
