// What a referral is in FHIR Task terms (SDOH Clinical Care IG, Task for Referral Management): the
// referrer's Task, owned by Overbrug, and a sub-task (`partOf`) per contact person and per bridging
// partner the case went to. Pure and free of FHIR libraries, so the referral view can carry the
// status without the FHIR code; shared/fhir/resources.ts builds the resources from it.
import { partnerWasTold } from './hand-off.ts';
import { currentBridging } from './referral-stats.ts';
import type { Match, Referral } from './referral.ts';
import { REFERRAL_STATUS_LABELS, UNMET_NEED_REASON_LABELS, type ReferralStatus } from './vocabulary.ts';

/** The Overbrug code systems' canonical URLs (served at /fhir/CodeSystem/{id}). */
export const CODE_SYSTEM_BASE = 'urn:overbrug:fhir:CodeSystem:';
export const BUSINESS_STATUS_SYSTEM = `${CODE_SYSTEM_BASE}business-status`;

export const TASK_STATUSES = ['draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * The moves the IG's Referral Task state diagram allows (StructureDefinition-SDOHCC-TaskForReferralManagement,
 * "Status Management"): draft → requested; requested → accepted | rejected | cancelled; accepted →
 * in-progress | on-hold | cancelled | completed | failed; in-progress → completed | failed | cancelled;
 * on-hold → in-progress | cancelled | completed | failed. Rejected, cancelled, completed and failed
 * are final (entered-in-error, from anywhere, is never ours). `ready` and `received` are not in its value set.
 */
export const TASK_MOVES: Record<TaskStatus, readonly TaskStatus[]> = {
  draft: ['requested', 'cancelled'],
  requested: ['accepted', 'rejected', 'cancelled'],
  received: [],
  ready: [],
  accepted: ['in-progress', 'on-hold', 'cancelled', 'completed', 'failed'],
  'in-progress': ['completed', 'failed', 'cancelled'],
  'on-hold': ['in-progress', 'cancelled', 'completed', 'failed'],
  rejected: [],
  cancelled: [],
  completed: [],
  failed: [],
  'entered-in-error': [],
};

/** Whether a Task may go from one status to the other (staying is always allowed). */
export const isAllowedMove = (from: TaskStatus, to: TaskStatus) => from === to || TASK_MOVES[from].includes(to);

/** The statuses the IG wants a reason for, in `statusReason.text`. */
export const NEEDS_REASON: readonly TaskStatus[] = ['rejected', 'cancelled', 'on-hold', 'failed'];

export interface TaskState {
  status: TaskStatus;
  /** `statusReason.text`: why, for the statuses that need one. */
  reason?: string;
}

type Facts = Pick<Referral, 'status' | 'timeline'> &
  Partial<Pick<Referral, 'contactPerson' | 'declinedBy' | 'outcomes' | 'matches' | 'notifications' | 'handOffProgress' | 'consent' | 'consentGrants'>>;

const lastDetail = (referral: Pick<Referral, 'timeline'>, event: string) => referral.timeline.findLast((entry) => entry.event === event)?.detail;

/** A contact person took the case at some point (now, or before they declined or the region had it). */
export const wasAssigned = (referral: Facts) =>
  Boolean(referral.contactPerson) ||
  (referral.declinedBy?.length ?? 0) > 0 ||
  referral.timeline.some((entry) => entry.event === 'contact-person-assigned' || entry.event === 'intake-requested');

/** Closed with help for at least one need (or with nothing recorded): completed; otherwise failed, with the reasons. */
function closedState(referral: Facts): TaskState {
  const outcomes = Object.values(referral.outcomes ?? {});
  if (outcomes.length === 0 || outcomes.some((outcome) => outcome.result === 'got-help' || outcome.result === 'referred-elsewhere')) return { status: 'completed' };
  const reasons = [...new Set(outcomes.flatMap((outcome) => (outcome.unmetReason ? [UNMET_NEED_REASON_LABELS[outcome.unmetReason]] : [])))];
  return { status: 'failed', reason: reasons.length ? `Geen hulp gevonden: ${reasons.join(', ')}` : 'Geen hulp gevonden' };
}

/**
 * The referrer's Task. Requested until a contact person has the case, accepted from then on (also
 * while the region looks for another after a decline, and after a crisis hand-off: the IG has no
 * move from requested to completed), in progress from the first contact, completed or failed at
 * the close, cancelled when withdrawn. It never goes back: Overbrug's own states are its business status.
 */
export function mainTaskState(referral: Facts): TaskState {
  switch (referral.status) {
    case 'withdrawn':
      return { status: 'cancelled', reason: lastDetail(referral, 'withdrawn') ?? 'Ingetrokken' };
    case 'closed':
      return closedState(referral);
    case 'crisis-handed-off':
      return { status: 'accepted' };
    case 'first-contact':
    case 'in-care':
      return { status: 'in-progress' };
    default:
      return { status: wasAssigned(referral) ? 'accepted' : 'requested' };
  }
}

/** Overbrug's status as the Task's business status: a code of the Overbrug CodeSystem and its Dutch label. */
export function businessStatus(status: ReferralStatus) {
  return { coding: [{ system: BUSINESS_STATUS_SYSTEM, code: status, display: REFERRAL_STATUS_LABELS[status] }], text: REFERRAL_STATUS_LABELS[status] };
}

export type SubTaskKind = 'contact-person' | 'bridging-partner';

export interface SubTask {
  /** `<referral id>-cp<n>` for the n-th contact person, `<referral id>-bp<n>` for the n-th bridging partner told. */
  id: string;
  kind: SubTaskKind;
  /** The contact person's id or the service's id. */
  ownerId: string;
  ownerName: string;
  state: TaskState;
}

/** The contact persons the case went to, in order: those who declined, then the one who has it. */
function contactPersonsOf(referral: Facts): { id: string; name: string }[] {
  const names = new Map<string, string>();
  if (referral.contactPerson) names.set(referral.contactPerson.id, referral.contactPerson.name);
  const ids = [...new Set([...(referral.declinedBy ?? []), ...(referral.contactPerson ? [referral.contactPerson.id] : [])])];
  return ids.map((id) => ({ id, name: names.get(id) ?? id }));
}

function contactPersonState(referral: Facts, id: string, declineIndex: number): TaskState {
  if (referral.declinedBy?.includes(id)) {
    const declines = referral.timeline.filter((entry) => entry.event === 'declined');
    return { status: 'rejected', reason: declines[declineIndex]?.detail ?? 'Afgewezen' };
  }
  switch (referral.status) {
    case 'accepted':
      return { status: 'accepted' };
    case 'first-contact':
    case 'in-care':
      return { status: 'in-progress' };
    case 'withdrawn':
      return { status: 'cancelled', reason: lastDetail(referral, 'withdrawn') ?? 'Ingetrokken' };
    case 'closed':
      // Closed before they took it (from notified): the IG has no move from requested to completed.
      return referral.timeline.some((entry) => entry.event === 'accepted')
        ? closedState(referral)
        : { status: 'cancelled', reason: lastDetail(referral, 'closed') ?? 'Afgesloten voordat de zaak werd aangenomen' };
    default:
      return { status: 'requested' };
  }
}

/** The bridging partners told of the client, in the order they were matched. */
const toldPartners = (referral: Facts): Match[] =>
  (referral.matches ?? []).filter((match) => match.kind === 'bridging' && partnerWasTold(referral as Referral, match.serviceId));

function partnerState(referral: Facts, partner: Match, consentGone: boolean): TaskState {
  const progress = referral.handOffProgress?.[partner.serviceId];
  const closed = referral.status === 'closed' || referral.status === 'withdrawn';
  if (closed || partner !== currentBridging(referral) || consentGone) {
    const started = progress?.firstContact && progress.acceptedAt;
    if (referral.status === 'closed' && started && !partner.declined && !consentGone) return { status: 'completed' };
    const reason = partner.declined
      ? `Een andere overbruggingspartner gekozen: ${partner.declined.reason}`
      : referral.status === 'withdrawn'
        ? 'De verwijzing is ingetrokken'
        : referral.status === 'closed'
          ? 'De zaak is afgesloten'
          : consentGone
            ? 'De cliënt wil niet meer dat gegevens met partners worden gedeeld'
            : 'Een andere overbruggingspartner gekozen';
    return { status: 'cancelled', reason };
  }
  // In progress from a first contact after the hand-off was accepted; a first contact recorded
  // without accepting first accepts it (one step: the IG has no move from requested to in-progress).
  if (progress?.firstContact && progress.acceptedAt && progress.acceptedAt < progress.firstContact.recordedAt) return { status: 'in-progress' };
  if (progress?.acceptedAt) return { status: 'accepted' };
  return { status: 'requested' };
}

/** The sub-tasks of a referral: one per contact person it went to, one per bridging partner told of the client. */
export function subTasks(referral: Facts & Pick<Referral, 'referralId'>): SubTask[] {
  let declines = 0;
  const people = contactPersonsOf(referral).map((person, index): SubTask => {
    const declined = referral.declinedBy?.includes(person.id) ?? false;
    const state = contactPersonState(referral, person.id, declines);
    if (declined) declines++;
    return { id: `${referral.referralId}-cp${index + 1}`, kind: 'contact-person', ownerId: person.id, ownerName: person.name, state };
  });
  // The client no longer lets partners know their needs: every hand-off ends.
  const grants = referral.consentGrants?.partners ?? (referral.consent?.shareWithPartners ? ['functional-needs'] : []);
  const consentGone = referral.consent !== undefined && !grants.includes('functional-needs');
  const partners = toldPartners(referral).map(
    (partner, index): SubTask => ({
      id: `${referral.referralId}-bp${index + 1}`,
      kind: 'bridging-partner',
      ownerId: partner.serviceId,
      ownerName: partner.name,
      state: partnerState(referral, partner, consentGone),
    }),
  );
  return [...people, ...partners];
}

/**
 * The `fhir` block of GET /referrals/{id}: where the Task is, and its status, business status and
 * reason as the Task carries them (valid FHIR datatypes).
 */
export function fhirTaskSummary(referral: Facts & Pick<Referral, 'referralId'>) {
  const state = mainTaskState(referral);
  return {
    task: `Task/${referral.referralId}`,
    status: state.status,
    businessStatus: businessStatus(referral.status),
    ...(state.reason ? { statusReason: { text: state.reason } } : {}),
  };
}
