// The privacy officer's view of the access log (GET /access-log, GET /access-log/signals): which
// entries a filter keeps, how an entry reads in the API, and the signals worth a look. Pure: the
// handler (functions/access-audit) reads the entries, this decides.

import type { Role } from './vocabulary.ts';

/** Why a person read a client record; the access log keeps it with who, what and when. */
export const ACCESS_PURPOSES = {
  'read-referral-status': 'follow-up by the referrer',
  'read-case': 'case work by the contact person',
  'list-referrals': 'follow-up by the referrer',
  'list-cases': 'case work by the contact person',
  'case-action': 'case work',
  'read-hand-off': 'hand-off to the partner',
  'read-client-contact': "reaching the client: their phone, e-mail or best times",
  'read-client-letter': 'the letter for the client, to print or open',
  'fhir-read': "the FHIR API: the referrer's system, the contact person or the partner reads the case as FHIR resources",
  'duplicate-check': "the duplicate guard looked into another organisation's open referral for this referrer",
  'list-hand-offs': 'hand-off to the partner: the line in their list',
  'list-beyond-treeknorm': 'follow-up of the region: a case waiting beyond the treeknorm',
  'list-desk': "the region's coordinator: a case on the desk (nobody had room, or no reaction in time)",
  'read-desk-case': "the region's coordinator decides who takes the case",
  'read-desk-candidates': "the region's coordinator sees who could take the case, with their load",
  'attempt': 'an attempt to reach a client record that was refused',
  'audit-read': 'the privacy officer reviews the access log (NEN 7513, AVG art. 15)',
  'audit-signals': "the privacy officer reviews the access log's signals",
} as const;
export type AccessAction = keyof typeof ACCESS_PURPOSES;

export const ACCESS_OUTCOMES = ['shown', 'forbidden', 'not-found', 'gone'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/** One entry of the access log, as the adapter (shared/adapters/access-log.ts) stores it. */
export interface AccessRecord {
  referralId: string;
  /**
   * The region the entry belongs to (the by-region index its privacy officer reads): the
   * referral's region where known, else the caller's (see regionOfEntry).
   */
  regionId: string;
  /** Who read: the signed-in person's pseudonymous id (the identity provider's subject). */
  actor: string;
  /** Their display name from the token, as the privacy officer reads it. */
  actorName?: string;
  /** Their organisation from the token (a verwijzer's or partner's), id and name. */
  organisationId?: string;
  organisationName?: string;
  /** A cliëntondersteuner's contact person id: their organisation is not in their token. */
  contactPersonId?: string;
  /** The API route of the request (`GET /referrals/{referralId}`). */
  route: string;
  /**
   * `operator`: someone running a command on the stack (`npm run rules -- compare`), not a signed-in
   * role; `none`: a signed-in person with no role of Overbrug (refused).
   */
  role: Role | 'operator' | 'none';
  action: string;
  purpose: string;
  /**
   * What the person got: the record (`shown`), or a refusal: `forbidden` (403, their role may not),
   * `not-found` (404: not theirs, or no such record; alike to them), `gone` (410, pseudonymised).
   * Refusals are logged too (NEN 7513): a pattern of them is what an audit looks for.
   */
  outcome: AccessOutcome;
  at: string;
  requestId: string;
  sourceIp?: string;
  userAgent?: string;
  /** The privacy officer's own use: which filters they used (names and ids, never a client reference). */
  query?: Record<string, string>;
}

/** What the privacy officer is told a read came to: the record was shown, or it was refused (403, 404, 410). */
export type AuditOutcome = 'allowed' | 'denied';
export const AUDIT_OUTCOMES = ['allowed', 'denied'] as const satisfies readonly AuditOutcome[];

export const auditOutcomeOf = (outcome: AccessOutcome): AuditOutcome => (outcome === 'shown' ? 'allowed' : 'denied');

/** The entry's fields the list and the signals use (the by-region index projects these). */
export type AuditedEntry = Pick<
  AccessRecord,
  'referralId' | 'actor' | 'actorName' | 'role' | 'organisationId' | 'organisationName' | 'contactPersonId' | 'route' | 'action' | 'purpose' | 'outcome' | 'at'
>;

/** One line of GET /access-log. */
export interface AuditItem {
  at: string;
  /** null for an entry about no one referral (the privacy officer's own use of the log). */
  referralId: string | null;
  person: { id: string; name: string | null };
  role: AccessRecord['role'];
  /** The organisation from the token; a cliëntondersteuner's token names their contact person id instead. */
  organisation: { id: string | null; name: string | null };
  route: string;
  action: string;
  purpose: string;
  outcome: AuditOutcome;
}

/** The referral id of an entry about no one referral: the privacy officer's own use of the log. */
export const NO_REFERRAL = 'none';

export function auditItem(entry: AuditedEntry): AuditItem {
  return {
    at: entry.at,
    referralId: entry.referralId === NO_REFERRAL ? null : entry.referralId,
    person: { id: entry.actor, name: entry.actorName ?? null },
    role: entry.role,
    organisation: {
      id: entry.organisationId ?? (entry.contactPersonId ? `contact-person:${entry.contactPersonId}` : null),
      name: entry.organisationName ?? null,
    },
    // Entries written before the route was recorded: none.
    route: entry.route ?? '',
    action: entry.action,
    purpose: entry.purpose,
    outcome: auditOutcomeOf(entry.outcome),
  };
}

export interface AuditFilter {
  referralId?: string;
  /** The referrals of one client (their client reference, resolved by the handler): every read of any of them. */
  referralIds?: ReadonlySet<string>;
  /** A person's pseudonymous id, or part of their name (any case). */
  person?: string;
  /** An organisation's id, or part of its name (any case); a contact person's id. */
  organisation?: string;
  route?: string;
  outcome?: AuditOutcome;
}

const contains = (text: string | undefined, part: string) => text !== undefined && text.toLocaleLowerCase('nl').includes(part.toLocaleLowerCase('nl'));

export function matchesFilter(entry: AuditedEntry, filter: AuditFilter): boolean {
  if (filter.referralId !== undefined && entry.referralId !== filter.referralId) return false;
  if (filter.referralIds !== undefined && !filter.referralIds.has(entry.referralId)) return false;
  if (filter.person !== undefined && entry.actor !== filter.person && !contains(entry.actorName, filter.person)) return false;
  if (
    filter.organisation !== undefined &&
    entry.organisationId !== filter.organisation &&
    entry.contactPersonId !== filter.organisation &&
    !contains(entry.organisationName, filter.organisation)
  ) {
    return false;
  }
  if (filter.route !== undefined && entry.route !== filter.route) return false;
  if (filter.outcome !== undefined && auditOutcomeOf(entry.outcome) !== filter.outcome) return false;
  return true;
}

// --- Signals -------------------------------------------------------------------------------------

/**
 * When the access log raises a signal (docs/security.md explains each). Data, not code paths: a
 * region that finds them too strict or too loose changes the numbers here.
 */
export interface SignalThresholds {
  /** Many cases in a short time: this many different cases or more... */
  manyReads: { minCases: number; withinMinutes: number };
  /** Cases read by role, not because they were assigned to the person: this many different cases or more in the period. */
  roleReads: { minCases: number };
  /** Refused reads: this many or more by one person in the period. */
  deniedReads: { minCount: number };
}

export const SIGNAL_THRESHOLDS: SignalThresholds = {
  manyReads: { minCases: 20, withinMinutes: 60 },
  roleReads: { minCases: 10 },
  deniedReads: { minCount: 1 },
};

/**
 * Reads that a role allowed, not an assignment or the person's own organisation: the manager's
 * treeknorm list, the duplicate guard looking into another organisation's referral, and every
 * read by a role of the region (manager, coordinator, beheerder).
 */
export const ROLE_READ_ACTIONS: readonly string[] = ['duplicate-check', 'list-beyond-treeknorm'];
export const ROLE_READ_ROLES: readonly string[] = ['manager', 'coordinator', 'beheerder'] satisfies Role[];

export type SignalKind = 'many-reads' | 'role-reads' | 'denied-reads';

export interface Signal {
  kind: SignalKind;
  person: { id: string; name: string | null };
  role: AccessRecord['role'];
  /** How many: different cases (many-reads, role-reads) or refused attempts (denied-reads). */
  count: number;
  /** When: the first and the last entry counted. */
  from: string;
  to: string;
  /** The cases concerned (at most 20, for a look in the list). */
  referralIds: string[];
  /** The signal in plain Dutch: who, what, when, how many. */
  message: string;
}

const MAX_REFERRAL_IDS = 20;
const TIME_ZONE = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "op 7 december 2026 van 10:02 tot 10:41", "op 7 december 2026 om 10:02", or across days "van 6 december 2026 10:02 tot 7 december 2026 09:00". */
export function dutchSpan(from: string, to: string): string {
  const [start, end] = [new Date(from), new Date(to)];
  const [startDay, endDay] = [dateFormat.format(start), dateFormat.format(end)];
  const [startTime, endTime] = [timeFormat.format(start), timeFormat.format(end)];
  if (startDay !== endDay) return `van ${startDay} ${startTime} tot ${endDay} ${endTime}`;
  return startTime === endTime ? `op ${startDay} om ${startTime}` : `op ${startDay} van ${startTime} tot ${endTime}`;
}

/** A role as a word in a sentence ("Anouk de Vries, cliëntondersteuner, bekeek ..."). */
const ROLE_NOUNS: Record<Role | 'operator' | 'none', string> = {
  verwijzer: 'verwijzer',
  clientondersteuner: 'cliëntondersteuner',
  partner: 'partner',
  manager: 'manager',
  beheerder: 'beheerder van de sociale kaart',
  coordinator: 'coördinator',
  privacy: 'functionaris gegevensbescherming',
  operator: 'beheer',
  none: 'zonder rol',
};

const who = (entry: AuditedEntry) => entry.actorName ?? `persoon ${entry.actor}`;
const roleName = (role: AccessRecord['role']) => ROLE_NOUNS[role] ?? role;
const cases = (count: number) => (count === 1 ? '1 dossier' : `${count} dossiers`);
const isCaseEntry = (entry: AuditedEntry) => entry.referralId !== NO_REFERRAL && !entry.action.startsWith('audit-');

function byPerson(entries: readonly AuditedEntry[]): Map<string, AuditedEntry[]> {
  const people = new Map<string, AuditedEntry[]>();
  for (const entry of entries) {
    const list = people.get(entry.actor);
    if (list) list.push(entry);
    else people.set(entry.actor, [entry]);
  }
  // Oldest first within each person.
  for (const list of people.values()) list.sort((a, b) => a.at.localeCompare(b.at));
  return people;
}

function signalOf(kind: SignalKind, counted: AuditedEntry[], count: number, message: string): Signal {
  const first = counted[0]!;
  const last = counted[counted.length - 1]!;
  return {
    kind,
    person: { id: first.actor, name: first.actorName ?? null },
    role: last.role,
    count,
    from: first.at,
    to: last.at,
    referralIds: [...new Set(counted.map((entry) => entry.referralId))].slice(0, MAX_REFERRAL_IDS),
    message,
  };
}

/** The busiest window of one person's shown reads: the most different cases within `withinMinutes`. */
function busiestWindow(reads: AuditedEntry[], withinMinutes: number): { entries: AuditedEntry[]; cases: number } {
  const windowMs = withinMinutes * 60_000;
  const inWindow = new Map<string, number>();
  let best = { start: 0, end: -1, cases: 0 };
  let start = 0;
  for (let end = 0; end < reads.length; end++) {
    const read = reads[end]!;
    inWindow.set(read.referralId, (inWindow.get(read.referralId) ?? 0) + 1);
    while (Date.parse(read.at) - Date.parse(reads[start]!.at) > windowMs) {
      const leaving = reads[start]!.referralId;
      const left = inWindow.get(leaving)! - 1;
      if (left) inWindow.set(leaving, left);
      else inWindow.delete(leaving);
      start++;
    }
    if (inWindow.size > best.cases) best = { start, end, cases: inWindow.size };
  }
  return { entries: reads.slice(best.start, best.end + 1), cases: best.cases };
}

/**
 * The signals worth a look in a period's entries, per person: many cases read in a short time;
 * cases read by role rather than by assignment; refused reads. Newest first.
 */
export function accessSignals(entries: readonly AuditedEntry[], thresholds: SignalThresholds = SIGNAL_THRESHOLDS): Signal[] {
  const signals: Signal[] = [];
  for (const personal of byPerson(entries.filter(isCaseEntry)).values()) {
    const shown = personal.filter((entry) => entry.outcome === 'shown');

    const busiest = busiestWindow(shown, thresholds.manyReads.withinMinutes);
    if (busiest.cases >= thresholds.manyReads.minCases) {
      const first = busiest.entries[0]!;
      const last = busiest.entries[busiest.entries.length - 1]!;
      signals.push(
        signalOf(
          'many-reads',
          busiest.entries,
          busiest.cases,
          `${who(first)}, ${roleName(last.role)}, bekeek ${cases(busiest.cases)} binnen ${thresholds.manyReads.withinMinutes} minuten, ${dutchSpan(first.at, last.at)}. ` +
            `De grens is ${thresholds.manyReads.minCases} dossiers. Kijk of dat bij het werk past.`,
        ),
      );
    }

    const byRole = shown.filter((entry) => ROLE_READ_ACTIONS.includes(entry.action) || ROLE_READ_ROLES.includes(entry.role));
    const roleCases = new Set(byRole.map((entry) => entry.referralId)).size;
    if (byRole.length && roleCases >= thresholds.roleReads.minCases) {
      const first = byRole[0]!;
      signals.push(
        signalOf(
          'role-reads',
          byRole,
          roleCases,
          `${who(first)}, ${roleName(byRole[byRole.length - 1]!.role)}, bekeek ${cases(roleCases)} die niet aan hem of haar zijn toegewezen, ${dutchSpan(first.at, byRole[byRole.length - 1]!.at)}. ` +
            `De rol gaf toegang. Kijk of het nodig was.`,
        ),
      );
    }

    const denied = personal.filter((entry) => entry.outcome !== 'shown');
    if (denied.length && denied.length >= thresholds.deniedReads.minCount) {
      const first = denied[0]!;
      const last = denied[denied.length - 1]!;
      signals.push(
        signalOf(
          'denied-reads',
          denied,
          denied.length,
          `${who(first)}, ${roleName(last.role)}, probeerde ${denied.length === 1 ? '1 keer' : `${denied.length} keer`} een dossier te openen en kreeg geen toegang, ${dutchSpan(first.at, last.at)}. ` +
            `Kijk of dat een vergissing was.`,
        ),
      );
    }
  }
  return signals.sort((a, b) => b.to.localeCompare(a.to));
}
