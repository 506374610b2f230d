import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referral } from '#shared/domain/referral.ts';
import { queues } from '#shared/topology.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { directAws, eventually } from '../support/direct-aws.ts';
import { ROOT, startStackProcess, type StackProcess } from '#local/child-process.ts';
import { loadSample } from '../support/samples.ts';

const run = promisify(execFile);
const TIME_SCALE = 0.05; // visibility timeout 90 s -> 5 s, so five receives take 25 s

let stack: StackProcess;

beforeAll(async () => {
  stack = await startStackProcess({ timeScale: TIME_SCALE });
});
afterAll(() => stack?.stop());

const redrive = (...args: string[]) =>
  run(process.execPath, ['scripts/redrive.ts', 'triage', '--data-dir', stack.dataDir, ...args], { cwd: ROOT });

describe('poison messages and the dead-letter queue', () => {
  it('moves a poison message to the DLQ after maxReceiveCount, logs why, and redrives it once fixed', async () => {
    const aws = directAws(stack.endpoints);
    const triage = stack.endpoints.queues.triage;
    const missingReferral = crypto.randomUUID();
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: triage.url, MessageBody: 'this is not a pipeline message' }));
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: triage.url, MessageBody: JSON.stringify({ referralId: missingReferral, origin: 'submit-referral' }) }));

    await eventually(async () => (await aws.depth(triage.deadLetterUrl)) === 2, 60_000, 'both messages in the DLQ');
    const lastWords = stack.output().split('\n').filter((line) => line.includes('moves to the dead-letter queue'));
    expect(lastWords).toHaveLength(2);
    expect(lastWords.join('\n')).toContain('ReferralNotFoundError');
    expect(lastWords.join('\n')).toContain(`"receiveCount":${queues.triage.maxReceiveCount}`);
    expect(lastWords.find((line) => line.includes(missingReferral))).toBeDefined();

    const listed = await redrive('--list');
    expect(listed.stdout).toContain(`referral ${missingReferral}`);
    expect(listed.stdout).toContain('unreadable body of 30 characters');
    expect(listed.stdout).toContain('2 message(s) in the dead-letter queue');

    // The cause is fixed: the referral the message points to exists now.
    const now = new Date().toISOString();
    const request = await loadSample('combined');
    const referral: Referral = {
      referralId: missingReferral,
      regionId: 'regio-voorbeeld',
      // Submitted by the demo POH's practice, so she may follow it up.
      referrerOrganisationId: 'hap-de-linde',
      status: 'received',
      createdAt: now,
      statusChangedAt: now,
      ...request,
      timeline: [{ event: 'received', at: now }],
    };
    await aws.document.send(new PutCommand({ TableName: 'overbrug-local-referrals', Item: referral }));

    const moved = await redrive();
    expect(moved.stdout).toContain('2 message(s) moved from the dead-letter queue back to triage');
    const done = await (await OverbrugClient.local(stack.endpoints)).waitForStatus(missingReferral, ['notified'], 15_000);
    expect(done.contactPerson).not.toBeNull();
  });
});
