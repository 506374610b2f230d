import { caseLabel } from './case-number.ts';
import { isAvailable, type ContactPerson } from './contact-person.ts';
import { addWorkingDays, type WorkingDayCalendar } from './dutch-calendar.ts';
import type { Referral } from './referral.ts';
import type { Region } from './region.ts';

// The coordinator's desk (issue 16): the region's referrals that wait for a person to decide. A
// referral is on it while it is flagged for the region (nobody in the client's gemeente had room)
// or while its contact person let the escalation time limit pass without reacting. The coordinator
// assigns a contact person by hand, or widens the search to a neighbouring gemeente; a flagged
// referral nobody assigned within the coordinator's own time limit (one working day) goes to the
// region's manager, once.

/** Why a referral is on the desk: the `status` filter of `GET /referrals` for the coordinator. */
export const DESK_FILTERS = ['flagged-for-region', 'escalated'] as const;
export type DeskFilter = (typeof DESK_FILTERS)[number];

export const DESK_FILTER_LABELS: Record<DeskFilter, string> = {
  'flagged-for-region': 'Niemand had ruimte',
  escalated: 'Contactpersoon reageerde niet op tijd',
};

/** The coordinator's time limit: working days a flagged referral may wait before the manager hears of it. */
export const DESK_ESCALATE_AFTER_WORKING_DAYS = 1;

type DeskFacts = Pick<Referral, 'status'> & Partial<Pick<Referral, 'escalatedAt'>>;

/** Why the referral is on the desk, or undefined when it is not (any more). */
export function deskFilterOf(referral: DeskFacts): DeskFilter | undefined {
  if (referral.status === 'flagged-for-region') return 'flagged-for-region';
  if (referral.status === 'notified' && referral.escalatedAt) return 'escalated';
  return undefined;
}

export const onDesk = (referral: DeskFacts) => deskFilterOf(referral) !== undefined;

/** When the manager hears of a flagged referral nobody assigned: one working day after it was flagged. */
export function deskEscalationDue(referral: Pick<Referral, 'status' | 'statusChangedAt'>, calendar: WorkingDayCalendar): Date | undefined {
  if (referral.status !== 'flagged-for-region') return undefined;
  return addWorkingDays(new Date(referral.statusChangedAt), DESK_ESCALATE_AFTER_WORKING_DAYS, calendar);
}

/** Whether the coordinator's time limit passed by `now` and has not fired yet for this flagging. */
export function deskEscalationIsDue(referral: Pick<Referral, 'status' | 'statusChangedAt' | 'deskEscalatedAt'>, now: Date, calendar: WorkingDayCalendar): boolean {
  const due = deskEscalationDue(referral, calendar);
  return due !== undefined && due.getTime() <= now.getTime() && !referral.deskEscalatedAt;
}

/** The gemeenten next to the client's, as the region's data has them (`neighbours` in region.json). */
export function neighboursOf(region: Pick<Region, 'gemeenten'>, gemeente: string): string[] {
  return region.gemeenten.find((candidate) => candidate.name === gemeente)?.neighbours ?? [];
}

/** A contact person the coordinator could choose, with their current load; never the clients they have. */
export interface Candidate {
  contactPersonId: string;
  name: string;
  organisation: string;
  gemeenten: string[];
  caseload: number;
  caseloadLimit: number;
  /** Room for one more client now. */
  hasRoom: boolean;
  /** How their gemeenten fit the client's: the client's own, a neighbouring one, or neither. */
  fit: 'gemeente' | 'neighbouring' | 'other';
}

const FIT_ORDER: Record<Candidate['fit'], number> = { gemeente: 0, neighbouring: 1, other: 2 };

/**
 * The region's contact persons who could take this case, for the coordinator to choose from:
 * gemeente fit first (the client's own gemeente, then a neighbouring one), then those with room,
 * least loaded first. Who declined the case, its current contact person, and whoever is deactivated
 * or absent `today` (Dutch calendar day) are left out: they take no new cases.
 */
export function candidatesFor(
  referral: Pick<Referral, 'client' | 'declinedBy' | 'contactPerson'>,
  people: readonly ContactPerson[],
  region: Pick<Region, 'gemeenten'>,
  today: string,
): Candidate[] {
  const gemeente = referral.client.gemeente;
  const neighbours = neighboursOf(region, gemeente);
  const excluded = new Set([...(referral.declinedBy ?? []), ...(referral.contactPerson ? [referral.contactPerson.id] : [])]);
  return people
    .filter((person) => isAvailable(person, today) && !excluded.has(person.contactPersonId))
    .map((person): Candidate => ({
      contactPersonId: person.contactPersonId,
      name: person.name,
      organisation: person.organisation,
      gemeenten: [...person.gemeenten],
      caseload: person.caseload,
      caseloadLimit: person.caseloadLimit,
      hasRoom: person.caseload < person.caseloadLimit,
      fit: person.gemeenten.includes(gemeente) ? 'gemeente' : person.gemeenten.some((name) => neighbours.includes(name)) ? 'neighbouring' : 'other',
    }))
    .sort(
      (a, b) =>
        FIT_ORDER[a.fit] - FIT_ORDER[b.fit] ||
        Number(b.hasRoom) - Number(a.hasRoom) ||
        a.caseload / Math.max(a.caseloadLimit, 1) - b.caseload / Math.max(b.caseloadLimit, 1) ||
        a.contactPersonId.localeCompare(b.contactPersonId),
    );
}

/**
 * A line of the desk: what the coordinator needs to decide who takes the case, and nothing of the
 * client's story or health (the case opens for the rest, logged).
 */
export function deskLine(referral: Referral, calendar: WorkingDayCalendar) {
  const filter = deskFilterOf(referral)!;
  const due = deskEscalationDue(referral, calendar);
  return {
    referralId: referral.referralId,
    caseNumber: referral.caseNumber ?? null,
    caseLabel: caseLabel(referral),
    desk: filter,
    status: referral.status,
    gemeente: referral.client.gemeente,
    route: referral.triage?.route ?? null,
    urgency: referral.triage?.urgency ?? null,
    createdAt: referral.createdAt,
    /** Since when it waits on the desk: flagged, or (escalated) handed to its contact person. */
    since: referral.statusChangedAt,
    flagReason: referral.flagReason ?? null,
    contactPerson: referral.contactPerson ? { id: referral.contactPerson.id, name: referral.contactPerson.name } : null,
    /** When the contact person's escalation time limit passed (an escalated case). */
    escalatedAt: referral.escalatedAt ?? null,
    /** The coordinator's own time limit: when the manager hears of it, and whether they did. */
    deskDeadline: due ? due.toISOString() : null,
    escalatedToManagerAt: referral.deskEscalatedAt ?? null,
  };
}
export type DeskLine = ReturnType<typeof deskLine>;

/** The desk's order: escalated to the manager first, then the longest waiting. */
export const deskOrder = (a: DeskLine, b: DeskLine) =>
  Number(b.escalatedToManagerAt !== null) - Number(a.escalatedToManagerAt !== null) || a.since.localeCompare(b.since);

/**
 * A case on the desk as the coordinator opens it: the desk line, the needs by levensdomein and
 * level (no story, no signals, no diagnosis), the gemeenten the search may widen to, the timeline
 * and the actions the coordinator may take now. The client's contact details are never read for it.
 */
export function deskCaseView(referral: Referral, region: Pick<Region, 'gemeenten' | 'regionId' | 'name' | 'fictional'>, calendar: WorkingDayCalendar, actions: readonly string[]) {
  const onTheDesk = onDesk(referral);
  return {
    ...(onTheDesk ? deskLine(referral, calendar) : { referralId: referral.referralId, caseNumber: referral.caseNumber ?? null, caseLabel: caseLabel(referral), desk: null, status: referral.status, gemeente: referral.client.gemeente }),
    region: { id: region.regionId, name: region.name, fictional: region.fictional },
    needs: (referral.triage?.needs ?? []).map((need) => ({ domain: need.domain, level: need.level })),
    neighbours: neighboursOf(region, referral.client.gemeente),
    contactPerson: referral.contactPerson ? { id: referral.contactPerson.id, name: referral.contactPerson.name } : null,
    declinedBy: referral.declinedBy ?? [],
    timeline: referral.timeline.map(({ event, at, actor, detail }) => ({ event, at, ...(actor ? { actor } : {}), ...(detail ? { detail } : {}) })),
    allowedActions: [...actions],
  };
}
export type DeskCaseView = ReturnType<typeof deskCaseView>;
