import type { SQSClient } from '@aws-sdk/client-sqs';
import { PipelineMessageSchema, type PipelineMessage } from '../../events/contracts.ts';
import type { QueueId } from '../topology.ts';
import type { Queue } from '../pipeline/ports.ts';
import { clientSqs } from './aws-sdk.ts';

const { SendMessageCommand } = clientSqs();

/** Sends pipeline messages: ids only, never referral content, so queues and DLQs hold no client data. */
export class PipelineQueue implements Queue {
  readonly #client: SQSClient;
  readonly #queueUrl: (queue: QueueId) => string;

  constructor(client: SQSClient, queueUrl: (queue: QueueId) => string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  /** Refuses (before sending) a message with anything beyond the contract's ids and markers. */
  async send(queue: QueueId, message: PipelineMessage): Promise<void> {
    const body = JSON.stringify(PipelineMessageSchema.parse(message));
    await this.#client.send(new SendMessageCommand({ QueueUrl: this.#queueUrl(queue), MessageBody: body }));
  }
}
