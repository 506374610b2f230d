import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineMessage } from '../../events/contracts.ts';
import type { Queue, ReferralRecords } from './ports.ts';
import { triage } from '../domain/triage.ts';
import { ROUTE_LABELS, URGENCY_LABELS } from '../domain/vocabulary.ts';
import { logger, metrics } from '../powertools.ts';
import { regionById } from '../regions/index.ts';
import { ReferralNotFoundError, type StepOutcome } from './outcome.ts';

export interface TriageStepDeps {
  referrals: Pick<ReferralRecords, 'get' | 'transition'>;
  queue: Queue;
  now: () => Date;
}

/**
 * Triage a received referral and pass it on: a crisis straight to the notify step, which hands it
 * off to the crisis service at once (it never waits behind matching); anything else to the match
 * queue. Safe to run again at any point: the write is conditional on `received`, and a redelivery
 * after it only forwards again (the next step is guarded by the status too).
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
  await deps.queue.send(referral.triage?.route === 'crisis' ? 'notify' : 'match', { referralId, correlationId: message.correlationId, origin: 'triage' });
  return { referralId, status: referral.status, result: 'forwarded' };
}
