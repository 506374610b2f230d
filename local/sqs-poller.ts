import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionHost } from './function-host.ts';

export interface PollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  host: FunctionHost;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /** Batches in flight at once, like the event source mapping's maximum concurrency. */
  concurrency: number;
  /** Share of messages delivered a second time (fault injection for tests). */
  duplicateDeliveryRate?: number;
  random?: () => number;
  onEvent?: (message: string) => void;
}

/** How long an idle event source waits on the queue for one message. */
const IDLE_WAIT_SECONDS = 1;

/**
 * What the Lambda event source mapping does for an SQS queue: receive batches, invoke the
 * function, delete what succeeded. With ReportBatchItemFailures, listed failures stay on the queue
 * and come back after the visibility timeout; an error or crash leaves the whole batch there. After
 * maxReceiveCount receives the queue itself moves a message to its dead-letter queue.
 */
export class SqsPoller {
  readonly #options: PollerOptions;
  /** The SQS requests the event source made, as an AWS bill would count them. */
  readonly calls = { receive: 0, emptyReceive: 0, deleteBatch: 0, records: 0, recordsFailed: 0, duplicatesSent: 0 };
  #running = false;
  #loops: Promise<void>[] = [];

  constructor(options: PollerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#running = true;
    for (let i = 0; i < this.#options.concurrency; i++) this.#loops.push(this.#loop());
  }

  /** Stops receiving; batches in flight finish first. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
    this.#loops = [];
  }

  async #loop(): Promise<void> {
    let idle = true;
    while (this.#running) {
      let messages: Message[] = [];
      try {
        // The emulator's long poll returns only once the batch is full or the wait is over. So an
        // idle event source long-polls for a single message (it returns as soon as one arrives),
        // and a busy one takes whole batches without waiting, as Lambda's pollers do.
        const received = await this.#options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.#options.queueUrl,
            MaxNumberOfMessages: idle ? 1 : this.#options.batchSize,
            WaitTimeSeconds: idle ? IDLE_WAIT_SECONDS : this.#options.maxBatchingWindowSeconds,
            // The emulator reads the older AttributeNames; AWS reads MessageSystemAttributeNames.
            AttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        messages = received.Messages ?? [];
        this.calls.receive++;
        if (messages.length === 0) this.calls.emptyReceive++;
      } catch (error) {
        if (!this.#running) break;
        this.#options.onEvent?.(`receive from ${this.#options.queueUrl} failed: ${(error as Error).message}`);
        await sleep(500);
      }
      idle = messages.length === 0;
      if (idle) continue;
      try {
        await this.#deliver(messages);
      } catch (error) {
        // A failed delete or resend leaves messages to come back after their visibility timeout,
        // as on AWS; the event source itself keeps polling.
        this.#options.onEvent?.(`event source of ${this.#options.queueUrl} hit: ${(error as Error).message}`);
      }
    }
  }

  async #deliver(messages: Message[]): Promise<void> {
    const event: SQSEvent = { Records: messages.map((message) => this.#record(message)) };
    this.calls.records += messages.length;
    let failed: Set<string>;
    try {
      const response = (await this.#options.host.invoke(event)) as SQSBatchResponse | undefined;
      const ids = new Set(event.Records.map((record) => record.messageId));
      const reported = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
      // Lambda treats a failure it cannot place as a failure of the whole batch.
      failed = reported.every((id) => ids.has(id)) ? new Set(reported) : ids;
    } catch (error) {
      this.#options.onEvent?.(`${this.#options.host.name} failed a batch of ${messages.length}: ${(error as Error).message}`);
      this.calls.recordsFailed += messages.length;
      return; // Nothing deleted: every message returns after its visibility timeout.
    }
    this.calls.recordsFailed += failed.size;
    const done = messages.filter((message) => !failed.has(message.MessageId!));
    if (done.length) {
      this.calls.deleteBatch++;
      const deleted = await this.#options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.#options.queueUrl,
          Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
      if (deleted.Failed?.length) this.#options.onEvent?.(`${deleted.Failed.length} processed message(s) could not be deleted; they will be delivered again`);
    }
    await this.#duplicate(done);
  }

  /** Fault injection: an at-least-once queue may deliver a message again; make that happen. */
  async #duplicate(messages: Message[]): Promise<void> {
    const rate = this.#options.duplicateDeliveryRate ?? 0;
    const random = this.#options.random ?? Math.random;
    for (const message of messages) {
      if (rate > 0 && random() < rate) {
        this.calls.duplicatesSent++;
        await this.#options.sqs.send(new SendMessageCommand({ QueueUrl: this.#options.queueUrl, MessageBody: message.Body! }));
      }
    }
  }

  #record(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId!,
      receiptHandle: message.ReceiptHandle!,
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
        SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
        SenderId: attributes.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          { stringValue: value.StringValue, dataType: value.DataType ?? 'String', stringListValues: [], binaryListValues: [] },
        ]),
      ),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.#options.queueArn,
      awsRegion: 'eu-central-1',
    };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
