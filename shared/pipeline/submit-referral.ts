import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineQueue } from '../adapters/pipeline-queue.ts';
import type { ReferralStore } from '../adapters/referral-store.ts';
import { requestHash, type SubmissionClaims } from '../adapters/submission-claims.ts';
import { crisisInstructions } from '../domain/notifications.ts';
import type { Referral, ReferralRequest } from '../domain/referral.ts';
import type { RegionConfig } from '../domain/region.ts';
import { triage } from '../domain/triage.ts';
import { describeError } from '../errors.ts';
import { logger, metrics } from '../powertools.ts';

export interface SubmitDeps {
  referrals: ReferralStore;
  queue: PipelineQueue;
  claims: SubmissionClaims;
  now: () => Date;
}

export interface SubmitInput {
  request: ReferralRequest;
  correlationId: string;
  idempotencyKey?: string;
}

export interface SubmitAnswer {
  referralId: string;
  status: 'received';
  /** Present when the intake means crisis: whom to call now, before any e-mail arrives. */
  crisis?: ReturnType<typeof crisisInstructions>;
}

/** The same Idempotency-Key was used before for a different referral. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('Idempotency-Key used before for a different referral');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Stores the referral, then enqueues it. Once the write succeeded the referral is accepted: if the
 * enqueue fails, the sweeper picks the referral up from the table, so the caller still gets 202.
 * With an Idempotency-Key the key is claimed first, so the same key with the same referral gives
 * the same referral id and stores nothing new, whenever and however often it comes back within a
 * day; with another referral it is refused.
 */
export async function submitReferral(deps: SubmitDeps, config: RegionConfig, input: SubmitInput): Promise<SubmitAnswer> {
  const now = deps.now();
  const { request } = input;
  let referralId: string = randomUUID();

  if (input.idempotencyKey) {
    const hash = requestHash(request);
    const claim = await deps.claims.claim(request.referrer.email.toLowerCase(), input.idempotencyKey, { referralId, requestHash: hash }, now);
    if (!claim.claimed) {
      if (claim.existing.requestHash !== hash) throw new IdempotencyKeyReusedError();
      referralId = claim.existing.referralId;
      const stored = await deps.referrals.get(referralId);
      if (stored) {
        // An earlier attempt stored it; if it may have died before the enqueue, enqueue again
        // (every consumer is idempotent, so a second message is harmless).
        if (stored.status === 'received') await enqueue(deps, referralId, input.correlationId);
        return answer(referralId, request, config, now);
      }
      // The earlier attempt died between claim and store: store it now, under the claimed id.
    }
  }

  const at = now.toISOString();
  const referral: Referral = {
    referralId,
    regionId: config.region.regionId,
    status: 'received',
    createdAt: at,
    statusChangedAt: at,
    referrer: request.referrer,
    client: request.client,
    ...(request.waiting ? { waiting: request.waiting } : {}),
    intake: request.intake,
    consent: request.consent,
    timeline: [{ event: 'received', at, detail: request.referrer.kind }],
  };
  if (await deps.referrals.create(referral)) {
    logger.appendKeys({ referralId });
    metrics.addMetric('ReferralsReceived', MetricUnit.Count, 1);
  } else if (!input.idempotencyKey) {
    throw new Error(`Referral id ${referralId} collided`);
  }
  await enqueue(deps, referralId, input.correlationId);
  return answer(referralId, request, config, now);
}

async function enqueue(deps: SubmitDeps, referralId: string, correlationId: string): Promise<void> {
  try {
    await deps.queue.send('triage', { referralId, correlationId, origin: 'submit-referral' });
  } catch (error) {
    logger.warn('Enqueue for triage failed; the sweeper will pick the referral up', { error: describeError(error) });
    metrics.addMetric('EnqueueFailures', MetricUnit.Count, 1);
  }
}

function answer(referralId: string, request: ReferralRequest, config: RegionConfig, now: Date): SubmitAnswer {
  // The triage step decides and records the route; the same rules tell the referrer right away
  // whom to call when it will be a crisis, rather than after a queue and an e-mail.
  const isCrisis = triage(request, config.triageRules, now).route === 'crisis';
  return { referralId, status: 'received', ...(isCrisis ? { crisis: crisisInstructions(config.region) } : {}) };
}
