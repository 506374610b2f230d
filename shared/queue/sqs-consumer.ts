import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { PipelineMessageSchema, type PipelineMessage } from '../../events/contracts.ts';
import { numberFromEnv } from '../config.ts';
import { errorReason } from '../errors.ts';
import { logger, metrics } from '../powertools.ts';
import { regions } from '../regions/index.ts';
import type { QueueId } from '../topology.ts';
import type { StepOutcome } from '../pipeline/outcome.ts';
import type { Delivery } from '../pipeline/ports.ts';

/**
 * A body that is not a pipeline message. We parse it ourselves rather than through the batch
 * parser integration: that one brings Powertools' SQS record schemas, which import all of zod with
 * its locales (over 300 KB in every consumer's bundle) to check fields SQS already guarantees.
 */
class PipelineMessageParseError extends Error {
  override name = 'PipelineMessageParseError';
}

function parsePipelineMessage(record: SQSRecord): PipelineMessage {
  const parsed = PipelineMessageSchema.safeParse(safeJson(record.body));
  if (!parsed.success) throw new PipelineMessageParseError('Not a pipeline message');
  return parsed.data;
}

export interface ConsumerOptions {
  queue: QueueId;
  /**
   * Advances one referral; must be safe to run more than once for the same message, also twice at
   * once (SQS delivers at least once). There is no record-level idempotency record: each step's
   * write to the referral is conditional on its status, so a redelivery cannot repeat it, and an
   * effect that cannot be conditioned (an e-mail) is idempotent on its own key (see notifier.ts).
   */
  step: (message: PipelineMessage, delivery: Delivery) => Promise<StepOutcome>;
  /** Idempotency configs used inside the step, which need the Lambda context too. */
  idempotencyConfigs?: IdempotencyConfig[];
}

/**
 * An SQS-triggered pipeline step: Powertools batch processing with partial batch failures, each
 * message parsed against its contract (a body that is not one fails its record). A failure on the
 * last receive is logged with its reason as the message moves to the dead-letter queue.
 */
export function sqsConsumer(options: ConsumerOptions) {
  const maxReceiveCount = numberFromEnv('MAX_RECEIVE_COUNT', 5);
  const processor = new BatchProcessor(EventType.SQS);

  const recordHandler = async (record: SQSRecord): Promise<StepOutcome> => {
    const message = parsePipelineMessage(record);
    logger.appendKeys({ referralId: message.referralId, messageId: record.messageId });
    // Every record sets its own correlation id, so none carries over from the record before.
    logger.setCorrelationId(message.correlationId ?? record.messageId);
    try {
      return await options.step(message, { receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1) });
    } finally {
      logger.removeKeys(['referralId', 'messageId']);
    }
  };

  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    for (const config of options.idempotencyConfigs ?? []) config.registerLambdaContext(context);
    // The regions served, loaded or refreshed before any record: the steps look them up synchronously.
    await regions.ready();
    const response = await processPartialResponse(event, recordHandler, processor, {
      context,
      // One record at a time keeps each log line's referralId right; batches are small.
      processInParallel: false,
      // A batch where every record failed is reported like any other, record by record.
      throwOnFullBatchFailure: false,
    });
    reportFailures(processor.failureMessages as SQSRecord[], processor.errors, maxReceiveCount);
    metrics.addMetric('RecordsProcessed', MetricUnit.Count, event.Records.length - response.batchItemFailures.length);
    if (response.batchItemFailures.length) metrics.addMetric('RecordsFailed', MetricUnit.Count, response.batchItemFailures.length);
    return response;
  };

  return middy(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

function reportFailures(records: SQSRecord[], errors: Error[], maxReceiveCount: number): void {
  records.forEach((record, index) => {
    const error = errors[index];
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? 1);
    const toDeadLetterQueue = receiveCount >= maxReceiveCount;
    const details = {
      messageId: record.messageId,
      referralId: referralIdOf(record),
      receiveCount,
      maxReceiveCount,
      reason: reasonOf(error, record),
    };
    if (toDeadLetterQueue) logger.error('Record failed for the last time: it moves to the dead-letter queue', details);
    else logger.warn('Record failed: it will be retried', details);
  });
}

/**
 * A parse error can quote the body it choked on, and a poison body may hold anything, so for
 * those the log says what was wrong, not what was there (see shared/errors.ts for the rest).
 */
function reasonOf(error: Error | undefined, record: SQSRecord): string {
  if (!error) return 'unknown';
  if (error instanceof PipelineMessageParseError) {
    return `The body (${record.body.length} characters) is not a pipeline message as events/contracts.ts defines it`;
  }
  return errorReason(error);
}

function referralIdOf(record: SQSRecord): string | undefined {
  const parsed = PipelineMessageSchema.safeParse(safeJson(record.body));
  return parsed.success ? parsed.data.referralId : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
