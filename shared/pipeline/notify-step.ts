import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineMessage } from '../../events/contracts.ts';
import type { ReferralStore } from '../adapters/referral-store.ts';
import {
  bridgingPartnerEmail,
  contactPersonEmail,
  regionCoordinatorEmail,
  type Email,
  type NotificationContext,
} from '../domain/notifications.ts';
import type { Referral } from '../domain/referral.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById } from '../regions/index.ts';
import type { Notifier } from './notifier.ts';
import { ReferralNotFoundError, type StepOutcome } from './outcome.ts';

export interface NotifyStepDeps {
  referrals: ReferralStore;
  notifier: Notifier;
  now: () => Date;
  publicBaseUrl?: string;
}

/**
 * Who hears of a matched referral: its contact person, or the region when nobody had room; and the
 * bridging partner, only when the client consented to sharing with partners.
 */
export function notificationsFor(referral: Referral, context: NotificationContext): Email[] {
  const emails: Email[] = [
    referral.contactPerson ? contactPersonEmail(referral, referral.contactPerson, context) : regionCoordinatorEmail(referral, context),
  ];
  const bridging = referral.matches?.find((match) => match.kind === 'bridging');
  if (bridging && referral.consent.shareWithPartners && bridging.contact.email) {
    emails.push(bridgingPartnerEmail(referral, bridging, context));
  }
  return emails;
}

export async function advanceNotify(deps: NotifyStepDeps, message: PipelineMessage): Promise<StepOutcome> {
  const { referralId } = message;
  const referral = await deps.referrals.get(referralId);
  if (!referral) throw new ReferralNotFoundError(referralId);
  if (referral.status !== 'matched') return { referralId, status: referral.status, result: 'skipped' };

  const now = deps.now();
  const context: NotificationContext = { region: regionById(referral.regionId).region, now, publicBaseUrl: deps.publicBaseUrl };
  const sent = [];
  for (const email of notificationsFor(referral, context)) sent.push(await deps.notifier.send(email));

  const to = referral.contactPerson ? 'notified' : 'flagged-for-region';
  const updated = await deps.referrals.transition(referralId, {
    from: 'matched',
    to,
    set: { notifications: sent },
    timeline: [
      ...sent.map((notification) => ({ event: 'notification-sent', at: notification.sentAt, detail: notification.kind })),
      { event: to, at: now.toISOString() },
    ],
  });
  if (!updated) {
    const current = await deps.referrals.get(referralId);
    return { referralId, status: current?.status ?? to, result: 'skipped' };
  }
  logger.info('Referral notified', { status: to, notifications: sent.map((notification) => notification.kind) });
  metrics.addMetric(to === 'notified' ? 'ReferralsNotified' : 'ReferralsFlaggedForRegion', MetricUnit.Count, 1);
  return { referralId, status: to, result: 'done' };
}
