import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { documentClient, sqsClient } from '#shared/adapters/aws-clients.ts';
import { DAY_SECONDS, idempotencyStore } from '#shared/adapters/idempotency.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseReferralRequest } from '#shared/http/referral-request.ts';
import { json, problem } from '#shared/http/responses.ts';
import { IdempotencyKeyReusedError, submitReferral, type SubmitInput } from '#shared/pipeline/submit-referral.ts';
import { logger, metrics } from '#shared/powertools.ts';
import { regionById } from '#shared/regions/index.ts';

const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};

// The same Idempotency-Key with the same referral answers the first answer again and stores
// nothing; with another referral it is refused. Only valid referrals take a key.
const idempotency = new IdempotencyConfig({
  eventKeyJmesPath: 'idempotencyKey',
  payloadValidationJmesPath: 'request',
  expiresAfterSeconds: DAY_SECONDS,
});
const submitOnce = makeIdempotent(
  (input: SubmitInput) => submitReferral(deps, regionById(input.regionId), input),
  { persistenceStore: idempotencyStore(), config: idempotency, keyPrefix: 'submit-referral' },
);

export const handler = httpHandler(async (event, context) => {
  idempotency.registerLambdaContext(context);
  metrics.addMetric('ReferralSubmissions', MetricUnit.Count, 1);
  const parsed = parseReferralRequest(event);
  if (!parsed.ok) {
    logger.info('Referral refused', { statusCode: parsed.response.statusCode });
    metrics.addMetric('ReferralsRefused', MetricUnit.Count, 1);
    return parsed.response;
  }
  const input: SubmitInput = {
    request: parsed.request,
    regionId: parsed.config.region.regionId,
    correlationId: event.requestContext.requestId,
  };
  try {
    const answer = parsed.idempotencyKey
      ? await submitOnce({ ...input, idempotencyKey: parsed.idempotencyKey })
      : await submitReferral(deps, parsed.config, input);
    logger.info('Referral accepted', { referralId: answer.referralId, crisis: answer.crisis !== undefined });
    return json(202, answer, { location: `/referrals/${answer.referralId}` });
  } catch (error) {
    const reused = error instanceof IdempotencyValidationError || error instanceof IdempotencyKeyReusedError;
    if (reused || error instanceof IdempotencyAlreadyInProgressError) metrics.addMetric('IdempotencyConflicts', MetricUnit.Count, 1);
    if (reused) {
      return problem(409, {
        type: '/problems/idempotency-key-reused',
        title: 'Idempotency-Key reused',
        detail: 'This Idempotency-Key was used for a different referral. Use a new key for a new referral.',
      });
    }
    if (error instanceof IdempotencyAlreadyInProgressError) {
      return problem(
        409,
        {
          type: '/problems/idempotency-key-in-progress',
          title: 'Request in progress',
          detail: 'A request with this Idempotency-Key is still being processed. Retry in a moment.',
        },
        { 'retry-after': '1' },
      );
    }
    throw error;
  }
});
