import { describe, expect, it } from 'vitest';
import type { ContactPerson } from '#shared/domain/contact-person.ts';
import { candidatesFor, deskEscalationDue, deskEscalationIsDue, deskFilterOf, neighboursOf } from '#shared/domain/desk.ts';
import { allowedActions, CaseActionSchema, checkAction } from '#shared/domain/lifecycle.ts';
import type { Referral } from '#shared/domain/referral.ts';
import { RegionSchema } from '#shared/domain/region.ts';
import { DEFAULT_TIME_LIMITS } from '#shared/domain/time-limits.ts';
import { regionById } from '#shared/regions/index.ts';

// The coordinator's desk as pure rules: what is on it, the coordinator's own time limit (one
// working day on the Dutch calendar, once), the candidates with their load, the actions.

const region = regionById('regio-voorbeeld').region;
const flagged = (statusChangedAt: string, more: Partial<Referral> = {}) =>
  ({ status: 'flagged-for-region', statusChangedAt, ...more }) as Pick<Referral, 'status' | 'statusChangedAt' | 'deskEscalatedAt'>;

describe('the desk', () => {
  it('holds flagged referrals and notified ones whose escalation limit passed, nothing else', () => {
    expect(deskFilterOf({ status: 'flagged-for-region' })).toBe('flagged-for-region');
    expect(deskFilterOf({ status: 'notified', escalatedAt: '2026-12-01T10:00:00Z' })).toBe('escalated');
    expect(deskFilterOf({ status: 'notified' })).toBeUndefined();
    expect(deskFilterOf({ status: 'accepted', escalatedAt: '2026-12-01T10:00:00Z' })).toBeUndefined();
    expect(deskFilterOf({ status: 'matched' })).toBeUndefined();
  });
});

describe("the coordinator's time limit", () => {
  it('falls one Dutch working day after the flagging: Friday to Monday, Christmas Eve to the 28th', () => {
    expect(deskEscalationDue(flagged('2026-12-04T14:00:00Z'), DEFAULT_TIME_LIMITS)?.toISOString()).toBe('2026-12-07T14:00:00.000Z');
    expect(deskEscalationDue(flagged('2026-12-24T10:00:00Z'), DEFAULT_TIME_LIMITS)?.toISOString()).toBe('2026-12-28T10:00:00.000Z');
    expect(deskEscalationDue({ status: 'notified', statusChangedAt: '2026-12-04T14:00:00Z' }, DEFAULT_TIME_LIMITS)).toBeUndefined();
  });

  it('is due once: not before the working day is over, not again once the manager was told', () => {
    const referral = flagged('2026-12-04T14:00:00Z');
    expect(deskEscalationIsDue(referral, new Date('2026-12-07T13:59:00Z'), DEFAULT_TIME_LIMITS)).toBe(false);
    expect(deskEscalationIsDue(referral, new Date('2026-12-07T14:00:00Z'), DEFAULT_TIME_LIMITS)).toBe(true);
    expect(deskEscalationIsDue({ ...referral, deskEscalatedAt: '2026-12-07T14:00:00Z' }, new Date('2026-12-09T10:00:00Z'), DEFAULT_TIME_LIMITS)).toBe(false);
    // Assigned meanwhile: nothing to tell.
    expect(deskEscalationIsDue({ ...referral, status: 'notified' }, new Date('2026-12-09T10:00:00Z'), DEFAULT_TIME_LIMITS)).toBe(false);
  });
});

describe('neighbouring gemeenten are data', () => {
  it("come from the region file, and a neighbour must be one of the region's gemeenten", () => {
    expect(neighboursOf(region, 'Polderdam')).toEqual(['Rivierstad']);
    expect(neighboursOf(region, 'Nergensdorp')).toEqual([]);
    const bad = { ...region, gemeenten: [{ name: 'A', postcodes: ['1000'], neighbours: ['B'] }] };
    expect(RegionSchema.safeParse(bad).success).toBe(false);
  });
});

describe('candidates', () => {
  const person = (id: string, gemeenten: string[], caseload: number, caseloadLimit: number, more: Record<string, unknown> = {}): ContactPerson =>
    ({ contactPersonId: id, name: id, organisation: 'Org', email: `${id}@x.example`, gemeenten, caseload, caseloadLimit, clients: [`client-of-${id}`], regionId: 'regio-voorbeeld', ...more }) as ContactPerson;
  const referral = { client: { gemeente: 'Polderdam', ref: 'c-1' }, declinedBy: ['cp-declined'] } as unknown as Referral;

  it('come gemeente fit first, then a neighbouring gemeente, with room before full, least loaded first; never who declined, is inactive or is absent today', () => {
    const people = [
      person('cp-other', ['Heuvelrand'], 0, 10),
      person('cp-rivier', ['Rivierstad'], 5, 10),
      person('cp-polder-full', ['Polderdam'], 10, 10),
      person('cp-polder-busy', ['Polderdam'], 8, 10),
      person('cp-polder-quiet', ['Polderdam'], 2, 10),
      person('cp-declined', ['Polderdam'], 0, 10),
      person('cp-inactive', ['Polderdam'], 0, 10, { active: false }),
      person('cp-absent', ['Polderdam'], 0, 10, { absence: { from: '2026-12-01', to: '2026-12-11', handOver: false } }),
      person('cp-back', ['Heuvelrand'], 1, 10, { absence: { from: '2026-11-01', to: '2026-12-06', handOver: false } }),
    ];
    const candidates = candidatesFor(referral, people, region, '2026-12-07');
    expect(candidates.map((candidate) => [candidate.contactPersonId, candidate.fit, candidate.hasRoom])).toEqual([
      ['cp-polder-quiet', 'gemeente', true],
      ['cp-polder-busy', 'gemeente', true],
      ['cp-polder-full', 'gemeente', false],
      ['cp-rivier', 'neighbouring', true],
      ['cp-other', 'other', true],
      ['cp-back', 'other', true],
    ]);
    // Their load, never the clients they have.
    expect(candidates[0]).toEqual({ contactPersonId: 'cp-polder-quiet', name: 'cp-polder-quiet', organisation: 'Org', gemeenten: ['Polderdam'], caseload: 2, caseloadLimit: 10, hasRoom: true, fit: 'gemeente' });
    expect(JSON.stringify(candidates)).not.toContain('client-of');
  });
});

describe('the actions of the desk', () => {
  const reason = 'Kees kent de cliënt van eerder';
  it('take a contact person and a reason, or a gemeente and a reason; nothing else', () => {
    expect(CaseActionSchema.safeParse({ action: 'assign', contactPersonId: 'cp-kees-bakker', reason }).success).toBe(true);
    expect(CaseActionSchema.safeParse({ action: 'assign', contactPersonId: 'cp-kees-bakker' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ action: 'assign', contactPersonId: 'cp-kees-bakker', reason: '' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ action: 'assign', contactPersonId: 'cp-kees-bakker', reason, extra: 1 }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ action: 'widen-search', gemeente: 'Rivierstad', reason }).success).toBe(true);
    expect(CaseActionSchema.safeParse({ action: 'widen-search', reason }).success).toBe(false);
  });

  it('are the coordinator’s, on a flagged case or an escalated one only', () => {
    expect(allowedActions({ status: 'flagged-for-region' }, 'coordinator')).toEqual(['assign', 'widen-search']);
    expect(allowedActions({ status: 'notified', escalatedAt: '2026-12-01T10:00:00Z' }, 'coordinator')).toEqual(['assign']);
    expect(allowedActions({ status: 'notified' }, 'coordinator')).toEqual([]);
    expect(allowedActions({ status: 'flagged-for-region' }, 'clientondersteuner')).not.toContain('assign');
    const action = CaseActionSchema.parse({ action: 'assign', contactPersonId: 'cp-kees-bakker', reason });
    expect(() => checkAction({ status: 'flagged-for-region' } as Referral, action, 'verwijzer')).toThrow(/may not assign/);
    expect(() => checkAction({ status: 'accepted' } as Referral, action, 'coordinator')).toThrow(/cannot be given 'assign'/);
  });
});
