import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineQueue } from '../adapters/pipeline-queue.ts';
import type { ReferralStore } from '../adapters/referral-store.ts';
import { crisisInstructions } from '../domain/notifications.ts';
import type { Referral, ReferralRequest } from '../domain/referral.ts';
import type { RegionConfig } from '../domain/region.ts';
import { triage } from '../domain/triage.ts';
import { logger, metrics } from '../powertools.ts';

export interface SubmitDeps {
  referrals: ReferralStore;
  queue: PipelineQueue;
  now: () => Date;
}

export interface SubmitInput {
  request: ReferralRequest;
  regionId: string;
  correlationId: string;
}

export interface SubmitAnswer {
  referralId: string;
  status: 'received';
  /** Present when the intake means crisis: whom to call now, before any e-mail arrives. */
  crisis?: ReturnType<typeof crisisInstructions>;
}

/**
 * Stores the referral, then enqueues it. Once the write succeeded the referral is accepted: if the
 * enqueue fails, the sweeper picks the referral up from the table, so the caller still gets 202.
 */
export async function submitReferral(deps: SubmitDeps, config: RegionConfig, input: SubmitInput): Promise<SubmitAnswer> {
  const now = deps.now().toISOString();
  const { request } = input;
  const referral: Referral = {
    referralId: randomUUID(),
    regionId: config.region.regionId,
    status: 'received',
    createdAt: now,
    statusChangedAt: now,
    referrer: request.referrer,
    client: request.client,
    ...(request.waiting ? { waiting: request.waiting } : {}),
    intake: request.intake,
    consent: request.consent,
    timeline: [{ event: 'received', at: now, detail: request.referrer.kind }],
  };
  if (!(await deps.referrals.create(referral))) throw new Error(`Referral id ${referral.referralId} collided`);
  logger.appendKeys({ referralId: referral.referralId });
  metrics.addMetric('ReferralsReceived', MetricUnit.Count, 1);

  try {
    await deps.queue.send('triage', { referralId: referral.referralId, correlationId: input.correlationId, origin: 'submit-referral' });
  } catch (error) {
    logger.warn('Enqueue for triage failed; the sweeper will pick the referral up', { error: (error as Error).name });
    metrics.addMetric('EnqueueFailures', MetricUnit.Count, 1);
  }

  // The triage step decides and records the route; the same rules tell the referrer right away
  // whom to call when it will be a crisis, rather than after a queue and an e-mail.
  const isCrisis = triage(request, config.triageRules, deps.now()).route === 'crisis';
  return {
    referralId: referral.referralId,
    status: 'received',
    ...(isCrisis ? { crisis: crisisInstructions(config.region) } : {}),
  };
}
