import { createHash, randomUUID } from 'node:crypto';
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
  idempotencyKey?: string;
}

/** The same Idempotency-Key was used before for a different referral. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('Idempotency-Key used before for a different referral');
    this.name = 'IdempotencyKeyReusedError';
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * With an Idempotency-Key the referral id is derived from the key (a name-based UUID), so even a
 * retry after a crash between storing the referral and recording the answer finds the referral
 * it already stored instead of storing a second one.
 */
export function referralIdFor(idempotencyKey: string): string {
  const bytes = sha256(`overbrug:referral:${idempotencyKey}`).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5 layout: name-based
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const requestHashOf = (request: ReferralRequest) => sha256(JSON.stringify(request)).toString('hex');

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
    referralId: input.idempotencyKey ? referralIdFor(input.idempotencyKey) : randomUUID(),
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
    ...(input.idempotencyKey ? { requestHash: requestHashOf(request) } : {}),
  };
  if (!(await deps.referrals.create(referral))) {
    const existing = input.idempotencyKey ? await deps.referrals.get(referral.referralId) : undefined;
    if (!existing) throw new Error(`Referral id ${referral.referralId} collided`);
    if (existing.requestHash !== referral.requestHash) throw new IdempotencyKeyReusedError();
    // Stored by an earlier attempt with this key; it is on its way (or the sweeper will see to it).
    logger.info('Referral already stored under this Idempotency-Key', { referralId: existing.referralId });
    return answer(existing.referralId, request, config, deps.now());
  }
  logger.appendKeys({ referralId: referral.referralId });
  metrics.addMetric('ReferralsReceived', MetricUnit.Count, 1);

  try {
    await deps.queue.send('triage', { referralId: referral.referralId, correlationId: input.correlationId, origin: 'submit-referral' });
  } catch (error) {
    logger.warn('Enqueue for triage failed; the sweeper will pick the referral up', { error: (error as Error).name });
    metrics.addMetric('EnqueueFailures', MetricUnit.Count, 1);
  }

  return answer(referral.referralId, request, config, deps.now());
}

function answer(referralId: string, request: ReferralRequest, config: RegionConfig, now: Date): SubmitAnswer {
  // The triage step decides and records the route; the same rules tell the referrer right away
  // whom to call when it will be a crisis, rather than after a queue and an e-mail.
  const isCrisis = triage(request, config.triageRules, now).route === 'crisis';
  return { referralId, status: 'received', ...(isCrisis ? { crisis: crisisInstructions(config.region) } : {}) };
}
