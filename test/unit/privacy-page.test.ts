import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AuditItem } from '#shared/domain/access-audit.ts';
import { actionLabel, auditQuery, csvName, defaultFilters, filterErrorsOf, LOGGED_ROUTES } from '../../web/src/pages/privacy/access-log-model.ts';
import { accessLogCsv } from '../../web/src/pages/privacy/csv-export.ts';

const item = (overrides: Partial<AuditItem> = {}): AuditItem => ({
  at: '2026-12-07T09:12:03.120Z',
  referralId: '00000000-0000-4000-8000-000000000001',
  person: { id: 'sub-1', name: 'Dr. R. Mulder (huisarts)' },
  role: 'verwijzer',
  organisation: { id: 'hap-rivierkade', name: 'Huisartsenpraktijk Rivierkade (fictief)' },
  route: 'GET /referrals/{referralId}',
  action: 'attempt',
  purpose: 'an attempt to reach a client record that was refused',
  outcome: 'denied',
  ...overrides,
});

describe("the privacy officer's page", () => {
  it('asks the API for the last 30 days by default and sends only the filters filled in', () => {
    const filters = defaultFilters('2026-12-07');
    expect(filters).toMatchObject({ from: '2026-11-08', to: '2026-12-07' });
    expect(auditQuery({ ...filters, person: '  Mulder ', outcome: 'denied' }, { limit: '50' })).toBe('from=2026-11-08&to=2026-12-07&person=Mulder&outcome=denied&limit=50');
  });

  it('offers the routes a person can be logged on, not the public ones', () => {
    expect(LOGGED_ROUTES).toContain('GET /referrals/{referralId}');
    expect(LOGGED_ROUTES).toContain('GET /access-log');
    expect(LOGGED_ROUTES).not.toContain('GET /health');
  });

  it('says in Dutch what a person did, and what is wrong with a filter', () => {
    expect(actionLabel('attempt')).toBe('Probeerde een dossier te openen');
    expect(actionLabel('case-action:accept')).toBe('Handeling op de zaak: accept');
    expect(actionLabel('something-new')).toBe('something-new');
    expect(filterErrorsOf([{ path: 'from', message: 'Must not be after to' }, { path: 'cursor', message: 'x' }])).toEqual({ from: 'Vul een datum in, niet na "tot en met".' });
  });

  it('writes a CSV for Dutch Excel: BOM, semicolons, Dutch time, formulas escaped', () => {
    const csv = accessLogCsv([item(), item({ person: { id: 'sub-2', name: '=HYPERLINK("x")' }, outcome: 'allowed', referralId: null })]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const records = parse(csv, { delimiter: ';', bom: true }) as string[][];
    expect(records[1]).toEqual([
      '07-12-2026 10:12:03',
      '00000000-0000-4000-8000-000000000001',
      'Dr. R. Mulder (huisarts)',
      'sub-1',
      'Verwijzer (huisarts, POH-ggz, wijkteam)',
      'Huisartsenpraktijk Rivierkade (fictief)',
      'hap-rivierkade',
      'GET /referrals/{referralId}',
      'Probeerde een dossier te openen',
      'an attempt to reach a client record that was refused',
      'Geweigerd',
    ]);
    expect(records[2]![2]).toBe(`'=HYPERLINK("x")`);
    expect(records[2]![1]).toBe('');
    expect(csvName('regio-voorbeeld', { from: '2026-11-08', to: '2026-12-07' })).toBe('overbrug-toegangslog_regio-voorbeeld_2026-11-08_tot_2026-12-07.csv');
  });
});
