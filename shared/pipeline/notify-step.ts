import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineMessage } from '../../events/contracts.ts';
import type { ClientContactRecords, ReferralRecords } from './ports.ts';
import { mayShare } from '../domain/consent.ts';
import { currentBridging } from '../domain/referral-stats.ts';
import { endedHandOffs } from '../domain/hand-off.ts';
import type { NoticeKind } from '../domain/lifecycle.ts';
import {
  amendmentEmail,
  bridgingPartnerEmail,
  crisisReferrerEmail,
  crisisServiceEmail,
  bridgingPartnerEndedEmail,
  clientLetterEmail,
  contactPersonEmail,
  contactPersonReminderEmail,
  deskEscalationEmail,
  intakeRequestEmail,
  reassessmentEmail,
  referrerFeedbackEmail,
  regionCoordinatorEmail,
  regionLimitEmail,
  type Email,
  type NotificationContext,
} from '../domain/notifications.ts';
import { contactPersonChangeEmail, referrerContactPersonChangeEmail, regionHandOverEmail } from '../domain/hand-over-notifications.ts';
import type { Referral, SentNotification } from '../domain/referral.ts';
import { limitApplies } from '../domain/time-limits.ts';
import { CLOSED_STATUSES } from '../domain/vocabulary.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById, timeLimitsOf } from '../regions/index.ts';
import type { Notifier } from './notifier.ts';
import { ReferralNotFoundError, type StepOutcome } from './outcome.ts';

export interface NotifyStepDeps {
  referrals: Pick<ReferralRecords, 'get' | 'transition'>;
  /** The client's e-mail address, for the client letter: read only when the client consented to it. */
  clientContacts: Pick<ClientContactRecords, 'get'>;
  notifier: Pick<Notifier, 'send'>;
  now: () => Date;
  publicBaseUrl?: string;
}


/** A partner hears of the client only while the client lets partners know their needs. */
function partnerEmail(referral: Referral, context: NotificationContext): Email | undefined {
  const partner = currentBridging(referral);
  if (!partner?.contact.email || !mayShare(referral, 'partners', 'functional-needs')) return undefined;
  return bridgingPartnerEmail(referral, partner, context);
}

/**
 * Who hears of a matched referral: its contact person, or the region when nobody had room; the
 * bridging partner, only when the client consented to sharing with partners; and the client, the
 * client letter, once a contact person is assigned, only when they gave an e-mail address and
 * consented to it (`clientEmail` is their address then).
 */
export function notificationsFor(referral: Referral, context: NotificationContext, clientEmail?: string): Email[] {
  const emails: Email[] = [
    referral.contactPerson ? contactPersonEmail(referral, referral.contactPerson, context) : regionCoordinatorEmail(referral, context),
  ];
  const partner = partnerEmail(referral, context);
  if (partner) emails.push(partner);
  if (referral.contactPerson && clientEmail && mayShare(referral, 'client', 'functional-needs')) emails.push(clientLetterEmail(referral, clientEmail, context));
  return emails;
}

/** The client's e-mail address, when the client letter may go to it: read from its own table only then. */
async function clientEmailOf(deps: NotifyStepDeps, referral: Referral): Promise<string | undefined> {
  if (!referral.contactPerson || !referral.hasClientContact || !mayShare(referral, 'client', 'functional-needs')) return undefined;
  return (await deps.clientContacts.get(referral.referralId))?.email;
}

/**
 * The e-mails a pending notice stands for: none when it no longer applies (the case moved on since
 * the notice was owed: a reminder for a case just accepted, a partner for a case just withdrawn)
 * or there is nobody (or no consent) to send it to.
 */
export function noticeEmails(referral: Referral, kind: NoticeKind, context: NotificationContext): Email[] {
  if (kind === 'bridging-partner-ended') {
    return endedHandOffs(referral)
      .filter((partner) => partner.contact.email)
      .map((partner) => bridgingPartnerEndedEmail(referral, partner, context));
  }
  const email = noticeEmail(referral, kind, context);
  return email ? [email] : [];
}

function noticeEmail(referral: Referral, kind: Exclude<NoticeKind, 'bridging-partner-ended'>, context: NotificationContext): Email | undefined {
  switch (kind) {
    case 'bridging-partner':
      return CLOSED_STATUSES.includes(referral.status) ? undefined : partnerEmail(referral, context);
    case 'feedback-accepted':
    case 'feedback-first-contact':
    case 'feedback-closed':
      return referrerFeedbackEmail(referral, kind, context);
    case 'reminder-contact-person':
      return limitApplies('reminder', referral.status) && referral.contactPerson ? contactPersonReminderEmail(referral, referral.contactPerson, context) : undefined;
    case 'escalation-region':
      return limitApplies('escalation', referral.status) ? regionLimitEmail(referral, kind, context) : undefined;
    case 'no-first-contact-region':
      return limitApplies('no-first-contact', referral.status) ? regionLimitEmail(referral, kind, context) : undefined;
    case 'desk-escalation-manager':
      // Only while the case still waits on the desk: assigned meanwhile, nobody needs to hear of it.
      return referral.status === 'flagged-for-region' ? deskEscalationEmail(referral, context) : undefined;
    case 'amendment':
      return CLOSED_STATUSES.includes(referral.status) ? undefined : amendmentEmail(referral, context);
    case 'intake-request':
      // Its contact person, or the region while nobody has room.
      if (referral.status !== 'awaiting-intake') return undefined;
      return referral.contactPerson ? intakeRequestEmail(referral, referral.contactPerson, context) : regionCoordinatorEmail(referral, context);
    // A case moved between contact persons for an absence: the one who has it now and the referrer are told; the region when it could not move.
    case 'contact-person-change':
      return CLOSED_STATUSES.includes(referral.status) ? undefined : contactPersonChangeEmail(referral, context);
    case 'referrer-contact-person-change':
      return CLOSED_STATUSES.includes(referral.status) ? undefined : referrerContactPersonChangeEmail(referral, context);
    case 'region-hand-over':
      return CLOSED_STATUSES.includes(referral.status) ? undefined : regionHandOverEmail(referral, context);
    case 'reassessment-contact-person':
      return limitApplies('reassessment', referral.status) && referral.contactPerson && !referral.reassessment
        ? reassessmentEmail(referral, referral.contactPerson, context)
        : undefined;
  }
}

export async function advanceNotify(deps: NotifyStepDeps, message: PipelineMessage): Promise<StepOutcome> {
  const { referralId } = message;
  let referral = await deps.referrals.get(referralId);
  if (!referral) throw new ReferralNotFoundError(referralId);
  const now = deps.now();
  const context: NotificationContext = { region: regionById(referral.regionId).region, limits: timeLimitsOf(referral.regionId), now, publicBaseUrl: deps.publicBaseUrl };
  let result: StepOutcome['result'] = 'skipped';

  if (referral.status === 'triaged' && referral.triage?.route === 'crisis') return handOffCrisis(deps, referral, context);

  if (referral.status === 'matched') {
    const sent: SentNotification[] = [];
    for (const email of notificationsFor(referral, context, await clientEmailOf(deps, referral))) sent.push(await deps.notifier.send(email));
    const to = referral.contactPerson ? 'notified' : 'flagged-for-region';
    const updated = await deps.referrals.transition(referral, {
      from: 'matched',
      to,
      appendNotifications: sent,
      timeline: [
        ...sent.map((notification) => ({ event: 'notification-sent', at: notification.sentAt, by: 'notify', detail: notification.kind })),
        { event: to, at: now.toISOString(), by: 'notify' },
      ],
    });
    if (updated) {
      logger.info('Referral notified', { status: to, notifications: sent.map((notification) => notification.kind) });
      metrics.addMetric(to === 'notified' ? 'ReferralsNotified' : 'ReferralsFlaggedForRegion', MetricUnit.Count, 1);
      result = 'done';
    }
    referral = updated ?? (await deps.referrals.get(referralId))!;
  }

  if (referral.pendingNotices?.length) {
    await deliverNotices(deps, referral, context);
    result = 'done';
  }
  return { referralId, status: referral.status, result };
}

/**
 * Sends what the referral owes (each e-mail once, by its notification id) and clears those
 * notices; a notice added meanwhile stays for the next run (the set is changed in place). Of two
 * runs at once, the one whose clearing lands records what was sent; the other, finding the
 * notices cleared and the e-mails recorded, has nothing left to write.
 */
async function deliverNotices(deps: NotifyStepDeps, referral: Referral, context: NotificationContext): Promise<void> {
  const owed = [...new Set(referral.pendingNotices)];
  const sent: SentNotification[] = [];
  for (const kind of owed) {
    for (const email of noticeEmails(referral, kind, context)) sent.push(await deps.notifier.send(email));
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = attempt === 0 ? referral : await deps.referrals.get(referral.referralId);
    if (!current) return;
    const stillOwed = owed.filter((kind) => current.pendingNotices?.includes(kind));
    const recorded = new Set((current.notifications ?? []).map((notification) => notification.notificationId));
    const unrecorded = sent.filter((notification) => !recorded.has(notification.notificationId));
    if (!stillOwed.length && !unrecorded.length) return;
    const cleared = await deps.referrals.transition(current, {
      clearNotices: stillOwed,
      appendNotifications: unrecorded,
      timeline: unrecorded.map((notification) => ({ event: 'notification-sent', at: notification.sentAt, by: 'notify', detail: notification.kind })),
    });
    if (cleared) {
      logger.info('Notices sent', { notifications: unrecorded.map((notification) => notification.kind) });
      return;
    }
  }
  throw new Error(`Could not clear the sent notices of referral ${referral.referralId}: it keeps changing`);
}

/** A crisis: the crisis service and the referrer are told at once, and the case is handed off. */
async function handOffCrisis(deps: NotifyStepDeps, referral: Referral, context: NotificationContext): Promise<StepOutcome> {
  const sent = [await deps.notifier.send(crisisServiceEmail(referral, context)), await deps.notifier.send(crisisReferrerEmail(referral, context))];
  const updated = await deps.referrals.transition(referral, {
    from: 'triaged',
    to: 'crisis-handed-off',
    appendNotifications: sent,
    timeline: [
      ...sent.map((notification) => ({ event: 'notification-sent', at: notification.sentAt, by: 'notify', detail: notification.kind })),
      { event: 'crisis-handed-off', at: context.now.toISOString(), by: 'notify', detail: 'crisisdienst en verwijzer ingelicht' },
    ],
  });
  if (updated) {
    logger.info('Crisis handed off', { notifications: sent.map((notification) => notification.kind) });
    metrics.addMetric('CrisisHandOffs', MetricUnit.Count, 1);
  }
  return { referralId: referral.referralId, status: updated?.status ?? 'crisis-handed-off', result: updated ? 'done' : 'skipped' };
}
