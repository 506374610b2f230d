import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent } from '../support/samples.ts';

// The referrals stream's consumer: each record marks its referral's day dirty in statistics-days.
let aws: EmulatedAws;
let handler: (event: DynamoDBStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<DynamoDBBatchResponse>;
const sample = await readEvent<DynamoDBStreamEvent>('streams/referrals.json');
const KEYS_ONLY = sample.Records[1]!.dynamodb!.Keys!.referralId!.S!;

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('statistics-days');
  handler = (await import('#functions/statistics-days/handler.ts')).handler;
  // The referral of the record that carries keys only: the consumer reads its region and day by key.
  await aws.document.send(new PutCommand({ TableName: aws.tableNames.referrals, Item: { referralId: KEYS_ONLY, regionId: 'regio-b', createdAt: '2026-11-05T10:00:00.000Z', status: 'received' } }));
});
afterAll(() => aws.close());

const dayItem = async (regionId: string, day: string) => (await aws.document.send(new GetCommand({ TableName: aws.tableNames['statistics-days'], Key: { regionId, day } }))).Item;

describe('statistics-days handler (the referrals stream)', () => {
  it('marks the Dutch day of each changed referral dirty, from its image or read by key; a redelivery only marks it again', async () => {
    expect(await handler(sample, lambdaContext('statistics-days'))).toEqual({ batchItemFailures: [] });
    // 23:30 UTC on 1 November is 00:30 on 2 November in Amsterdam.
    expect(await dayItem('rivierenland-fictief', '2026-11-02')).toMatchObject({ generation: 1, markedAt: expect.any(String) });
    expect(await dayItem('rivierenland-fictief', '2026-11-01')).toBeUndefined();
    expect(await dayItem('regio-b', '2026-11-05')).toMatchObject({ generation: 1 });
    // Its month too, beside the days: a request reads a month as one item while it is unchanged.
    expect(await dayItem('rivierenland-fictief', 'month#2026-11')).toMatchObject({ generation: 1, markedAt: expect.any(String) });
    await handler(sample, lambdaContext('statistics-days'));
    expect(await dayItem('rivierenland-fictief', '2026-11-02')).toMatchObject({ generation: 2 });
    expect(await dayItem('rivierenland-fictief', 'month#2026-11')).toMatchObject({ generation: 2 });
  });

  it('reports a record it cannot mark as a failure of that record alone', async () => {
    const broken = structuredClone(sample);
    broken.Records[0]!.dynamodb!.Keys = {};
    const response = await handler(broken, lambdaContext('statistics-days'));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: broken.Records[0]!.dynamodb!.SequenceNumber }]);
    expect(await dayItem('regio-b', '2026-11-05')).toMatchObject({ generation: 3 });
  });
});
