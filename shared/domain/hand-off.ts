import { ageBandOf, currentBridging } from './referral-stats.ts';
import { mayShare } from './consent.ts';
import type { Match, Referral } from './referral.ts';
import { CLOSED_STATUSES, FLAG_LABELS, isLevensdomein, LEVENSDOMEIN_INFO, type Channel, type HandOffState } from './vocabulary.ts';

/**
 * A referral as its current bridging partner sees it (GET /hand-offs lists the referrals whose
 * current partner is one of the partner's services). The details are what the client consented to
 * share with partners, and only while they consent and the case is open: after a withdrawal or the
 * close the partner still sees that the hand-off existed, and that it should no longer act on it,
 * but not the details.
 */
export function handOffView(referral: Referral, serviceId: string, now: Date) {
  const open = !CLOSED_STATUSES.includes(referral.status);
  const consented = mayShare(referral, 'partners', 'functional-needs');
  const active = open && consented;
  const match = referral.matches?.find((candidate) => candidate.serviceId === serviceId);
  const state: HandOffState = active ? 'active' : !consented ? 'consent-withdrawn' : 'closed';
  return {
    referralId: referral.referralId,
    serviceId,
    serviceName: match?.name ?? serviceId,
    handedOverAt: referral.notifications?.find((notification) => notification.notificationId.endsWith(`:bridging-partner:${serviceId}`))?.sentAt ?? null,
    state,
    placeReserved: active && match?.placeReserved === true,
    contactPerson: active && referral.contactPerson ? { name: referral.contactPerson.name } : null,
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
 * is closed or withdrawn.
 */
export function endedHandOffs(referral: Pick<Referral, 'status' | 'matches' | 'notifications'>): Match[] {
  const open = !CLOSED_STATUSES.includes(referral.status);
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
