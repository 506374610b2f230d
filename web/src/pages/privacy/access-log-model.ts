// The access log as the privacy officer's page shows it (GET /access-log, GET /access-log/signals,
// docs/api.md): the filters as the API takes them, the entries in Dutch, and the CSV export.
import { ROLE_LABELS, ROUTE_KEYS, isPublic, type Role } from '#shared/access/policy.ts';
import { addCalendarDays } from '#shared/domain/calendar-date.ts';
import type { AuditItem, Signal, SignalThresholds } from '#shared/domain/access-audit.ts';

export interface AuditPage {
  items: AuditItem[];
  cursor: string | null;
}

export interface SignalsAnswer {
  from: string;
  to: string;
  thresholds: SignalThresholds;
  signals: Signal[];
  truncated?: boolean;
}

export interface AuditFilters {
  from: string;
  to: string;
  referralId: string;
  caseNumber: string;
  clientRef: string;
  person: string;
  organisation: string;
  route: string;
  outcome: '' | 'allowed' | 'denied';
}

export type FilterField = keyof AuditFilters;

/** The 30 days up to today: the API's default too. */
export function defaultFilters(today: string): AuditFilters {
  return { from: addCalendarDays(today, -29), to: today, referralId: '', caseNumber: '', clientRef: '', person: '', organisation: '', route: '', outcome: '' };
}

/** The query of GET /access-log: the filled-in filters only. */
export function auditQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const pairs = (Object.entries(filters) as [string, string][]).map(([name, value]): [string, string] => [name, value.trim()]).filter(([, value]) => value !== '');
  const all: [string, string][] = [...pairs, ...Object.entries(extra)];
  return new URLSearchParams(all).toString();
}

/** The routes a person can be logged on: every route that needs a sign-in. */
export const LOGGED_ROUTES = ROUTE_KEYS.filter((route) => !isPublic(route));

/** What the person did, in Dutch, by the entry's action. */
const ACTION_LABELS: Record<string, string> = {
  'read-referral-status': 'Verwijzing bekeken (verwijzer)',
  'read-case': 'Zaak bekeken (cliëntondersteuner)',
  'list-referrals': 'In de lijst van verwijzingen gezien',
  'list-cases': 'In de lijst van zaken gezien',
  'case-action': 'Handeling op de zaak',
  'read-hand-off': 'Overdracht bekeken (partner)',
  'read-client-contact': 'Contactgegevens van de cliënt bekeken',
  'read-client-letter': 'Brief voor de cliënt geopend',
  'fhir-read': 'Via de FHIR-koppeling gelezen',
  'duplicate-check': 'Dubbele verwijzing gecontroleerd (andere organisatie)',
  'list-hand-offs': 'In de lijst van overdrachten gezien',
  'list-beyond-treeknorm': 'In de lijst boven de treeknorm gezien',
  attempt: 'Probeerde een dossier te openen',
  'audit-read': 'Toegangslog bekeken (privacy)',
  'audit-signals': 'Signalen bekeken (privacy)',
  'rules-compare': 'Regels vergeleken (beheer)',
};

export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action]!;
  if (action.startsWith('case-action:')) return `Handeling op de zaak: ${action.slice('case-action:'.length)}`;
  return action;
}

export const roleLabel = (role: string) => (role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role === 'operator' ? 'Beheer (opdracht op de server)' : role === 'none' ? 'Geen rol' : role);

export const OUTCOME_LABELS: Record<AuditItem['outcome'], string> = { allowed: 'Toegestaan', denied: 'Geweigerd' };

export const SIGNAL_TITLES: Record<Signal['kind'], string> = {
  'many-reads': 'Veel dossiers in korte tijd',
  'role-reads': 'Dossiers bekeken die niet zijn toegewezen',
  'denied-reads': 'Geweigerde toegang',
};

/** Who, as the page shows it: their name, or their id when the token had no name. */
export const personName = (item: Pick<AuditItem, 'person'>) => item.person.name ?? item.person.id;
export const organisationName = (item: Pick<AuditItem, 'organisation'>) => item.organisation.name ?? item.organisation.id ?? '';

const DAY_TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
/** "07-12-2026 10:02:13", Dutch time: the CSV's, to the second. */
export const csvTime = (at: string) => DAY_TIME.format(new Date(at)).replace(',', '');

export const CSV_COLUMNS = ['Tijdstip (Nederlandse tijd)', 'Verwijzing', 'Persoon', 'Persoon-id', 'Rol', 'Organisatie', 'Organisatie-id', 'Route', 'Handeling', 'Doel', 'Uitkomst'];

export function csvRecords(items: readonly AuditItem[]): string[][] {
  return items.map((item) => [
    csvTime(item.at),
    item.referralId ?? '',
    item.person.name ?? '',
    item.person.id,
    roleLabel(item.role),
    item.organisation.name ?? '',
    item.organisation.id ?? '',
    item.route,
    actionLabel(item.action),
    item.purpose,
    OUTCOME_LABELS[item.outcome],
  ]);
}

/** `overbrug-toegangslog_regio-voorbeeld_2026-11-08_tot_2026-12-07.csv`. */
export const csvName = (regionId: string, filters: Pick<AuditFilters, 'from' | 'to'>) => `overbrug-toegangslog_${regionId}_${filters.from}_tot_${filters.to}.csv`;

/** The Dutch for the API's errors on a filter, by field. */
export function filterErrorsOf(errors: readonly { path: string; message: string }[]): Partial<Record<FilterField, string>> {
  const messages: Partial<Record<FilterField, string>> = {
    from: 'Vul een datum in, niet na "tot en met".',
    to: 'Vul een geldige datum in.',
    referralId: 'Vul het volledige verwijzingsnummer in (een lange code met streepjes), of laat dit leeg.',
    caseNumber: 'Vul een zaaknummer in zoals RV-2026-00412, of laat dit leeg.',
    person: 'Gebruik 1 tot 128 tekens.',
    organisation: 'Gebruik 1 tot 128 tekens.',
    clientRef: 'Gebruik 1 tot 128 tekens.',
    route: 'Kies een route uit de lijst.',
    outcome: 'Kies toegestaan of geweigerd.',
  };
  const result: Partial<Record<FilterField, string>> = {};
  for (const error of errors) if (error.path in messages) result[error.path as FilterField] = messages[error.path as FilterField]!;
  return result;
}
