import { describe, expect, it } from 'vitest';
import { accessSignals, auditItem, matchesFilter, SIGNAL_THRESHOLDS, type AuditedEntry } from '#shared/domain/access-audit.ts';

const BASE = Date.parse('2026-12-07T09:00:00Z');
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function entry(overrides: Partial<AuditedEntry> & { minute?: number } = {}): AuditedEntry {
  const { minute = 0, ...rest } = overrides;
  return {
    referralId: id(1),
    actor: 'sub-anouk',
    actorName: 'Anouk de Vries',
    role: 'clientondersteuner',
    contactPersonId: 'cp-anouk-de-vries',
    route: 'GET /referrals/{referralId}',
    action: 'read-case',
    purpose: 'case work by the contact person',
    outcome: 'shown',
    at: new Date(BASE + minute * 60_000).toISOString(),
    ...rest,
  };
}

const thresholds = { manyReads: { minCases: 5, withinMinutes: 30 }, roleReads: { minCases: 3 }, deniedReads: { minCount: 2 } };

describe('signals in the access log', () => {
  it('raises many-reads at the threshold of different cases within the window, not below it', () => {
    const four = [1, 2, 3, 4].map((n) => entry({ referralId: id(n), minute: n }));
    expect(accessSignals(four, thresholds)).toEqual([]);
    // The same case again does not count twice.
    expect(accessSignals([...four, entry({ referralId: id(4), minute: 5 })], thresholds)).toEqual([]);
    const five = [...four, entry({ referralId: id(5), minute: 5 })];
    const [signal] = accessSignals(five, thresholds);
    expect(signal).toMatchObject({ kind: 'many-reads', count: 5, person: { id: 'sub-anouk', name: 'Anouk de Vries' }, from: five[0]!.at, to: five[4]!.at });
    expect(signal!.message).toContain('Anouk de Vries');
    expect(signal!.message).toContain('5 dossiers binnen 30 minuten');
    expect(signal!.message).toContain('Anouk de Vries, cliëntondersteuner, bekeek 5 dossiers');
    expect(signal!.message).toContain('op 7 december 2026 van 10:01 tot 10:05');
  });

  it('does not raise many-reads when the reads are spread wider than the window', () => {
    const spread = [1, 2, 3, 4, 5].map((n) => entry({ referralId: id(n), minute: n * 10 }));
    expect(accessSignals(spread, thresholds).map((signal) => signal.kind)).not.toContain('many-reads');
  });

  it('raises role-reads for cases read by role (treeknorm list, a manager), not for assigned cases', () => {
    const assigned = [1, 2, 3].map((n) => entry({ referralId: id(n), minute: n * 60 }));
    expect(accessSignals(assigned, thresholds)).toEqual([]);
    const manager = [1, 2, 3].map((n) =>
      entry({ referralId: id(n), minute: n * 60, actor: 'sub-mgr', actorName: 'M. de Wit', role: 'manager', action: 'list-beyond-treeknorm', contactPersonId: undefined }),
    );
    const signals = accessSignals(manager, thresholds);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ kind: 'role-reads', count: 3, person: { id: 'sub-mgr' } });
    expect(signals[0]!.message).toContain('niet aan hem of haar zijn toegewezen');
    // The duplicate guard by a verwijzer counts too.
    const guard = [1, 2, 3].map((n) => entry({ referralId: id(n), minute: n * 60, role: 'verwijzer', action: 'duplicate-check' }));
    expect(accessSignals(guard, thresholds).map((signal) => signal.kind)).toEqual(['role-reads']);
  });

  it('raises denied-reads from the threshold of refused attempts, each outcome of refusal counted', () => {
    const one = [entry({ outcome: 'not-found', route: 'GET /referrals/{referralId}', action: 'attempt' })];
    expect(accessSignals(one, thresholds)).toEqual([]);
    const two = [...one, entry({ outcome: 'forbidden', action: 'attempt', minute: 3, referralId: id(2) })];
    const [signal] = accessSignals(two, thresholds);
    expect(signal).toMatchObject({ kind: 'denied-reads', count: 2, referralIds: [id(1), id(2)] });
    expect(signal!.message).toContain('probeerde 2 keer een dossier te openen en kreeg geen toegang, op 7 december 2026 van 10:00 tot 10:03.');
    // One refusal: its minute.
    expect(accessSignals(one, { ...thresholds, deniedReads: { minCount: 1 } })[0]!.message).toContain('op 7 december 2026 om 10:00.');
  });

  it('ignores the privacy officer’s own use of the log', () => {
    const audit = [1, 2, 3, 4, 5, 6].map((n) => entry({ referralId: n === 1 ? 'none' : id(n), role: 'privacy', action: 'audit-read', route: 'GET /access-log', minute: n }));
    expect(accessSignals(audit, thresholds)).toEqual([]);
  });

  it('has defaults a region can read: many cases in an hour, role reads, every refusal', () => {
    expect(SIGNAL_THRESHOLDS).toEqual({ manyReads: { minCases: 20, withinMinutes: 60 }, roleReads: { minCases: 10 }, deniedReads: { minCount: 1 } });
    expect(accessSignals([entry({ outcome: 'gone', action: 'attempt' })]).map((signal) => signal.kind)).toEqual(['denied-reads']);
  });
});

describe('the list of the access log', () => {
  it('maps shown to allowed and every refusal to denied, and keeps the privacy officer’s own entries without a referral', () => {
    expect(auditItem(entry()).outcome).toBe('allowed');
    for (const outcome of ['forbidden', 'not-found', 'gone'] as const) expect(auditItem(entry({ outcome })).outcome).toBe('denied');
    expect(auditItem(entry({ referralId: 'none' })).referralId).toBeNull();
    expect(auditItem(entry()).organisation).toEqual({ id: 'contact-person:cp-anouk-de-vries', name: null });
  });

  it('filters by person (id or part of the name), organisation, route, outcome and a client’s referrals', () => {
    const read = entry({ organisationId: 'hap-de-linde', organisationName: 'Huisartsenpraktijk De Linde (fictief)' });
    expect(matchesFilter(read, { person: 'sub-anouk' })).toBe(true);
    expect(matchesFilter(read, { person: 'de vries' })).toBe(true);
    expect(matchesFilter(read, { person: 'mulder' })).toBe(false);
    expect(matchesFilter(read, { organisation: 'hap-de-linde' })).toBe(true);
    expect(matchesFilter(read, { organisation: 'linde' })).toBe(true);
    expect(matchesFilter(read, { organisation: 'rivierkade' })).toBe(false);
    expect(matchesFilter(read, { route: 'GET /referrals/{referralId}' })).toBe(true);
    expect(matchesFilter(read, { route: 'GET /referrals' })).toBe(false);
    expect(matchesFilter(read, { outcome: 'allowed' })).toBe(true);
    expect(matchesFilter(read, { outcome: 'denied' })).toBe(false);
    expect(matchesFilter(read, { referralIds: new Set([id(1), id(2)]) })).toBe(true);
    expect(matchesFilter(read, { referralIds: new Set([id(2)]) })).toBe(false);
  });
});
