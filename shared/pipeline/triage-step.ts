import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineMessage } from '../../events/contracts.ts';
import type { PipelineQueue } from '../adapters/pipeline-queue.ts';
import type { ReferralStore } from '../adapters/referral-store.ts';
import { crisisReferrerEmail, crisisServiceEmail, type NotificationContext } from '../domain/notifications.ts';
import type { Referral } from '../domain/referral.ts';
import { triage } from '../domain/triage.ts';
import { ROUTE_LABELS, URGENCY_LABELS } from '../domain/vocabulary.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById, timeLimitsOf } from '../regions/index.ts';
import type { Notifier } from './notifier.ts';
import { ReferralNotFoundError, type StepOutcome } from './outcome.ts';

export interface TriageStepDeps {
  referrals: ReferralStore;
  queue: PipelineQueue;
  notifier: Notifier;
  now: () => Date;
  publicBaseUrl?: string;
}

/**
 * Triage a received referral and pass it on: a crisis is handed off here and now (it never waits
 * behind matching); anything else goes to the match queue. Safe to run again at any point.
 */
export async function advanceTriage(deps: TriageStepDeps, message: PipelineMessage): Promise<StepOutcome> {
  const { referralId } = message;
  let referral = await deps.referrals.get(referralId);
  if (!referral) throw new ReferralNotFoundError(referralId);

  // Without its netwerkintake there is nothing to triage yet: the match step finds it a contact person.
  if (referral.status === 'awaiting-intake') {
    await deps.queue.send('match', { referralId, correlationId: message.correlationId, origin: 'triage', round: 'intake' });
    return { referralId, status: referral.status, result: 'forwarded' };
  }

  if (referral.status === 'received') {
    const now = deps.now();
    const decision = triage(referral, regionById(referral.regionId).triageRules, now);
    const updated = await deps.referrals.transition(referral, {
      from: 'received',
      to: 'triaged',
      set: { triage: decision },
      timeline: [
        {
          event: 'triaged',
          at: now.toISOString(),
          by: 'triage',
          detail: `${ROUTE_LABELS[decision.route]}, urgentie ${URGENCY_LABELS[decision.urgency]}`,
        },
      ],
    });
    referral = updated ?? (await deps.referrals.get(referralId));
    if (!referral) throw new ReferralNotFoundError(referralId);
    if (updated) {
      logger.info('Referral triaged', { route: decision.route, urgency: decision.urgency, rules: decision.rules });
      const perRoute = metrics.singleMetric();
      perRoute.addDimension('route', decision.route);
      perRoute.addMetric('ReferralsTriaged', MetricUnit.Count, 1);
    }
  }

  if (referral.status !== 'triaged') return { referralId, status: referral.status, result: 'skipped' };
  if (referral.triage?.route === 'crisis') return handOffCrisis(deps, referral);
  await deps.queue.send('match', { referralId, correlationId: message.correlationId, origin: 'triage' });
  return { referralId, status: referral.status, result: 'forwarded' };
}

async function handOffCrisis(deps: TriageStepDeps, referral: Referral): Promise<StepOutcome> {
  const now = deps.now();
  const context: NotificationContext = { region: regionById(referral.regionId).region, limits: timeLimitsOf(referral.regionId), now, publicBaseUrl: deps.publicBaseUrl };
  const sent = [
    await deps.notifier.send(crisisServiceEmail(referral, context)),
    await deps.notifier.send(crisisReferrerEmail(referral, context)),
  ];
  const updated = await deps.referrals.transition(referral, {
    from: 'triaged',
    to: 'crisis-handed-off',
    appendNotifications: sent,
    timeline: [
      ...sent.map((notification) => ({ event: 'notification-sent', at: notification.sentAt, by: 'triage', detail: notification.kind })),
      { event: 'crisis-handed-off', at: now.toISOString(), by: 'triage', detail: 'crisisdienst en verwijzer ingelicht' },
    ],
  });
  if (updated) {
    logger.info('Crisis handed off', { notifications: sent.map((notification) => notification.kind) });
    metrics.addMetric('CrisisHandOffs', MetricUnit.Count, 1);
  }
  return { referralId: referral.referralId, status: updated?.status ?? 'crisis-handed-off', result: updated ? 'done' : 'skipped' };
}
