import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepReport } from '#shared/pipeline/sweep.ts';
import { SWEEP_MAX_ATTEMPTS, SWEEP_STALE_AFTER_SECONDS } from '#shared/topology.ts';
import { drain, lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent, sampleBody } from '../support/samples.ts';

let aws: EmulatedAws;
let submit: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let sweeper: (event: ScheduledEvent, context: Context) => Promise<SweepReport>;
const postTemplate = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');
const scheduled = await readEvent<ScheduledEvent>('scheduled/sweeper.json');
const recovery = await readEvent<ScheduledEvent>('scheduled/sweeper-recovery.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('submit-referral', 'sweeper');
  submit = (await import('#functions/submit-referral/handler.ts')).handler;
  sweeper = (await import('#functions/sweeper/handler.ts')).handler;
});
afterAll(() => aws.close());

async function submitted(): Promise<string> {
  const response = await submit(
    await aws.signedIn({ ...postTemplate, body: JSON.stringify(await sampleBody('combined')) }, 'poh-delinde'),
    lambdaContext('submit-referral'),
  );
  return JSON.parse(response.body as string).referralId;
}

/** Pretends the referral entered its status this many seconds ago. */
async function age(referralId: string, seconds: number, extra: Record<string, unknown> = {}) {
  const at = new Date(Date.now() - seconds * 1000).toISOString();
  const sets = ['statusChangedAt = :at', ...Object.keys(extra).map((key) => `${key} = :${key}`)];
  await aws.document.send(
    new UpdateCommand({
      TableName: aws.tableNames.referrals,
      Key: { referralId },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeValues: { ':at': at, ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [`:${key}`, value])) },
    }),
  );
}

const requeued = async (queueUrl: string) => (await drain(aws.sqs, queueUrl)).map((message) => JSON.parse(message.Body!));

describe('sweeper handler', () => {
  it('re-enqueues a referral stranded in triaged (its message for matching lost), once per stale period', async () => {
    const referralId = await submitted();
    await drain(aws.sqs, aws.queues.match.url); // the enqueue "was lost"
    await sweeper(scheduled, lambdaContext('sweeper'));
    expect(await requeued(aws.queues.match.url)).not.toContainEqual(expect.objectContaining({ referralId }));

    await age(referralId, SWEEP_STALE_AFTER_SECONDS + 60);
    const report = await sweeper(scheduled, lambdaContext('sweeper'));
    expect(report.requeued.match).toBeGreaterThanOrEqual(1);
    expect(await requeued(aws.queues.match.url)).toContainEqual({ referralId, origin: 'sweeper' });

    await sweeper(scheduled, lambdaContext('sweeper'));
    expect(await requeued(aws.queues.match.url)).not.toContainEqual(expect.objectContaining({ referralId }));
    const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames.referrals, Key: { referralId } }));
    expect(Item?.sweeps).toBe(1);
  });

  it('stops re-enqueueing after the maximum and reports the referral as stalled', async () => {
    const referralId = await submitted();
    await age(referralId, SWEEP_STALE_AFTER_SECONDS + 60, { sweeps: SWEEP_MAX_ATTEMPTS });
    await drain(aws.sqs, aws.queues.match.url);
    const report = await sweeper(scheduled, lambdaContext('sweeper'));
    expect(report.stalled).toBe(1);
    expect(await requeued(aws.queues.match.url)).not.toContainEqual(expect.objectContaining({ referralId }));
    // Reported once, not on every sweep after.
    expect((await sweeper(scheduled, lambdaContext('sweeper'))).stalled).toBe(0);
  });

  it('after lost queues, re-enqueues everything in flight at once without counting it as a retry', async () => {
    const referralId = await submitted();
    await drain(aws.sqs, aws.queues.match.url);
    await sweeper(recovery, lambdaContext('sweeper'));
    expect(await requeued(aws.queues.match.url)).toContainEqual({ referralId, origin: 'sweeper' });
    const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames.referrals, Key: { referralId } }));
    expect(Item?.sweeps).toBeUndefined();
  });
});
