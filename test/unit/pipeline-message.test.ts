import { describe, expect, it } from 'vitest';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { PipelineMessageSchema } from '#events/contracts.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';

// Queues and dead-letter queues hold no client data: a pipeline message is ids and markers only,
// and the queue adapter refuses anything more before it reaches SQS.

describe('pipeline messages', () => {
  const referralId = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

  it('carry the referral id, a correlation id, origin and round, and nothing else', () => {
    expect(PipelineMessageSchema.safeParse({ referralId, origin: 'triage', round: 'after-decline-1' }).success).toBe(true);
    const withContact = { referralId, origin: 'submit-referral', client: { contact: { phone: '+31100000301' } } };
    expect(PipelineMessageSchema.safeParse(withContact).success).toBe(false);
  });

  it('are refused by the queue adapter, before any SQS call, when something rides along', async () => {
    const sent: unknown[] = [];
    const sqs = { send: async (command: unknown) => void sent.push(command) } as unknown as SQSClient;
    const queue = new PipelineQueue(sqs, () => 'http://sqs.local/triage');
    await queue.send('triage', { referralId, origin: 'submit-referral' });
    expect(sent).toHaveLength(1);
    await expect(queue.send('triage', { referralId, origin: 'submit-referral', email: 'client@voorbeeld.example' } as never)).rejects.toThrow();
    expect(sent).toHaveLength(1);
  });
});
