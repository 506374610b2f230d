import * as z from './zod.ts';
import { ageBandOf, currentBridging } from './referral-stats.ts';
import { mayShare } from './consent.ts';
import type { RefusalReason } from './refusal.ts';
import { dutchDate } from './dutch-calendar.ts';
import type { ClientContactView, HandOffProgress, Match, Referral, TimelineEntry } from './referral.ts';
import { CLOSED_STATUSES, FLAG_LABELS, isLevensdomein, LEVENSDOMEIN_INFO, type Channel, type HandOffState } from './vocabulary.ts';

export type { HandOffProgress } from './referral.ts';

/** The partner's own steps with a hand-off: accept it, then record its first contact with the client. */
export const HandOffActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept') }),
  z.strictObject({ action: z.literal('record-first-contact'), at: z.iso.date({ error: 'Must be a date as YYYY-MM-DD' }) }),
]);
export type HandOffAction = z.infer<typeof HandOffActionSchema>;
export type HandOffActionName = HandOffAction['action'];

/** A hand-off action that cannot be taken now: the hand-off ended, or the step was taken. */
export class HandOffActionRefused extends Error {
  readonly reason: Extract<RefusalReason, 'hand-off-ended' | 'wrong-status' | 'invalid-action'>;

  constructor(reason: HandOffActionRefused['reason'], message: string) {
    super(message);
    this.name = 'HandOffActionRefused';
    this.reason = reason;
  }
}

/** When the partner was told of the client: the hand-off's start. */
const handedOverAt = (referral: Pick<Referral, 'notifications'>, serviceId: string) =>
  referral.notifications?.find((notification) => notification.notificationId.endsWith(`:bridging-partner:${serviceId}`))?.sentAt ?? null;

/** The hand-off holds while the case is open and the client lets partners know their needs. */
function stateOf(referral: Referral): HandOffState {
  const open = !CLOSED_STATUSES.includes(referral.status);
  const consented = mayShare(referral, 'partners', 'functional-needs');
  return open && consented ? 'active' : !consented ? 'consent-withdrawn' : 'closed';
}

/** The steps the partner can take on the hand-off now. */
export function handOffActions(referral: Referral, serviceId: string): HandOffActionName[] {
  if (stateOf(referral) !== 'active') return [];
  const progress = referral.handOffProgress?.[serviceId];
  return [...(progress?.acceptedAt ? [] : (['accept'] as const)), ...(progress?.firstContact ? [] : (['record-first-contact'] as const))];
}

/**
 * The change a partner's step makes: its progress and a timeline entry, which the contact person
 * and the referrer see. Recording the first contact accepts the hand-off too.
 */
export function handOffChange(
  referral: Referral,
  serviceId: string,
  action: HandOffAction,
  person: { id: string; actor: TimelineEntry['actor'] },
  now: Date,
): { handOffProgress: Record<string, HandOffProgress>; timeline: TimelineEntry[] } {
  const state = stateOf(referral);
  if (state !== 'active') {
    throw new HandOffActionRefused(
      'hand-off-ended',
      state === 'consent-withdrawn' ? 'The client withdrew consent to share with partners; this hand-off ended' : 'The case is closed or withdrawn; this hand-off ended',
    );
  }
  const at = now.toISOString();
  const serviceName = currentBridging(referral)?.name ?? serviceId;
  const entry = (event: string, detail: string): TimelineEntry => ({ event, at, by: person.id, ...(person.actor ? { actor: person.actor } : {}), detail });
  const progress: HandOffProgress = { ...referral.handOffProgress?.[serviceId] };
  const timeline: TimelineEntry[] = [];
  const accept = () => {
    if (progress.acceptedAt) return;
    progress.acceptedAt = at;
    progress.acceptedBy = person.id;
    timeline.push(entry('partner-accepted', serviceName));
  };
  if (action.action === 'accept') {
    if (progress.acceptedAt) throw new HandOffActionRefused('wrong-status', `The hand-off was accepted already, on ${dutchDate(new Date(progress.acceptedAt))}`);
    accept();
  } else {
    if (progress.firstContact) throw new HandOffActionRefused('wrong-status', `The first contact was recorded already: ${progress.firstContact.date}`);
    if (action.at > dutchDate(now)) throw new HandOffActionRefused('invalid-action', 'The first contact cannot be in the future');
    const since = handedOverAt(referral, serviceId);
    if (since && action.at < dutchDate(new Date(since))) throw new HandOffActionRefused('invalid-action', 'The first contact cannot be before the hand-off');
    accept();
    progress.firstContact = { date: action.at, recordedAt: at, by: person.id };
    timeline.push(entry('partner-first-contact', `${serviceName}: ${action.at}`));
  }
  return { handOffProgress: { ...referral.handOffProgress, [serviceId]: progress }, timeline };
}

function partnerContact(contact: ClientContactView | null | undefined) {
  if (!contact || (!contact.phone && !contact.email)) return null;
  return {
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.email ? { email: contact.email } : {}),
    ...(contact.preferredChannel ? { preferredChannel: contact.preferredChannel } : {}),
    ...(contact.bestTimes ? { bestTimes: contact.bestTimes } : {}),
  };
}

/**
 * A referral as its current bridging partner sees it (GET /hand-offs lists the referrals whose
 * current partner is one of the partner's services). The details are what the client consented to
 * share with partners, and only while they consent and the case is open: after a withdrawal or the
 * close the partner still sees that the hand-off existed, and that it should no longer act on it,
 * but not the details. `clientContact` is how to reach the client, read only for an active hand-off.
 */
export function handOffView(referral: Referral, serviceId: string, now: Date, clientContact?: ClientContactView | null) {
  const state = stateOf(referral);
  const active = state === 'active';
  // The bridging match itself: the same service can also be an option for a need, with a place of its own or none.
  const bridging = currentBridging(referral);
  const match = bridging?.serviceId === serviceId ? bridging : undefined;
  const progress = referral.handOffProgress?.[serviceId];
  const person = referral.contactPerson;
  return {
    referralId: referral.referralId,
    caseNumber: referral.caseNumber ?? null,
    serviceId,
    serviceName: match?.name ?? serviceId,
    handedOverAt: handedOverAt(referral, serviceId),
    state,
    placeReserved: active && match?.placeReserved === true,
    contactPerson: active && person ? { name: person.name, phone: person.phone ?? null, email: person.email } : null,
    accepted: progress?.acceptedAt ? { at: progress.acceptedAt } : null,
    firstContact: progress?.firstContact ? { date: progress.firstContact.date } : null,
    allowedActions: handOffActions(referral, serviceId),
    // How to reach the client, only while the hand-off holds: the ways to reach them, not the note meant for the contact person.
    client: active ? { contact: partnerContact(clientContact) } : null,
    shared: active
      ? {
          gemeente: referral.client.gemeente,
          ageBand: ageBandOf(referral.client.birthYear, now),
          languages: referral.client.languages,
          channels: referral.client.channels as Channel[],
          // The client's levensdomeinen only: a naaste's burden is not the partner's business.
          needs: (referral.triage?.needs ?? []).flatMap((need) => (isLevensdomein(need.domain) ? [LEVENSDOMEIN_INFO[need.domain].label] : [])),
          // Diagnosis-like signals never reach a partner without the client's consent to that.
          attentionPoints: mayShare(referral, 'partners', 'diagnosis') ? referral.intake.flags.map((flag) => FLAG_LABELS[flag]) : [],
        }
      : null,
  };
}
export type HandOffView = ReturnType<typeof handOffView>;

const toldOf = (referral: Pick<Referral, 'notifications'>, kind: 'bridging-partner' | 'bridging-partner-ended', serviceId: string) =>
  (referral.notifications ?? []).some((notification) => notification.notificationId.endsWith(`:${kind}:${serviceId}`));

/** Whether a bridging partner (this one, or any) was told of the client: only then can its hand-off end. */
export const partnerWasTold = (referral: Pick<Referral, 'notifications'>, serviceId?: string) =>
  serviceId === undefined
    ? (referral.notifications ?? []).some((notification) => notification.notificationId.includes(':bridging-partner:'))
    : toldOf(referral, 'bridging-partner', serviceId);

/**
 * The hand-offs that ended and whose partner has not heard so yet: partners told of the client
 * that are no longer its bridging partner (turned down for another), or all of them once the case
 * is closed or withdrawn or the client withdrew consent to share with partners.
 */
export function endedHandOffs(referral: Pick<Referral, 'status' | 'matches' | 'notifications' | 'consent' | 'consentGrants'>): Match[] {
  // A hand-off holds while the case is open and the client lets partners know their needs.
  const open = !CLOSED_STATUSES.includes(referral.status) && mayShare(referral, 'partners', 'functional-needs');
  const current = currentBridging(referral);
  return (referral.matches ?? []).filter(
    (match) =>
      match.kind === 'bridging' &&
      !(open && match === current) &&
      toldOf(referral, 'bridging-partner', match.serviceId) &&
      !toldOf(referral, 'bridging-partner-ended', match.serviceId),
  );
}

/**
 * Whether the referral is a hand-off to this service: it is the client's bridging partner now (the
 * index that found the referral may lag behind a replacement), and it was told of the client.
 */
export const isHandedTo = (referral: Referral, serviceId: string) =>
  currentBridging(referral)?.serviceId === serviceId && toldOf(referral, 'bridging-partner', serviceId);
