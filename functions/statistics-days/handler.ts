import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { StatisticsStore } from '#shared/adapters/statistics-store.ts';
import { tableName } from '#shared/config.ts';
import { logger } from '#shared/powertools.ts';
import { markChangedDay } from '#shared/pipeline/statistics.ts';

// The referrals table's stream: each changed referral marks its day and month dirty in statistics-days, and
// GET /statistics counts them again. A record whose mark fails is retried on its own
// (partial batch failures); a repeated mark does no harm.
const store = new StatisticsStore(documentClient(), { days: tableName('statistics-days'), referrals: tableName('referrals') });
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** The string attribute of a stream image, if there is one. */
const text = (image: NonNullable<DynamoDBRecord['dynamodb']>['NewImage'], name: string) => image?.[name]?.S;

/** The days marked in this invocation: every write of the batch happened before it, so one mark after them covers them all. */
let markedInBatch = new Set<string>();

async function markRecord(record: DynamoDBRecord): Promise<void> {
  const data = record.dynamodb;
  const referralId = data?.Keys?.referralId?.S;
  if (!referralId) throw new Error('A referrals stream record without its key');
  const image = data?.NewImage ?? data?.OldImage;
  const regionId = text(image, 'regionId');
  const createdAt = text(image, 'createdAt');
  const marked = await markChangedDay(store, { referralId, ...(regionId && createdAt ? { image: { regionId, createdAt } } : {}) }, new Date(), markedInBatch);
  // Ids only in the log: a referral gone before its change was read has no day left to mark.
  if (!marked) logger.warn('Changed referral not found; no day marked', { referralId, eventName: record.eventName });
}

export const handler = (event: DynamoDBStreamEvent, context: Context) => {
  markedInBatch = new Set();
  return processPartialResponse(event, markRecord, processor, { context });
};
