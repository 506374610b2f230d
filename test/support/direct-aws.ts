import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalEndpoints } from '#local/stack.ts';

/** SDK clients on a running local stack's emulators, for what a test must see or set directly. */
export function directAws(endpoints: LocalEndpoints) {
  const config = { region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const sqs = new SQSClient({ ...config, endpoint: endpoints.sqs });
  /** Messages in a queue: waiting, in flight and delayed. */
  async function depth(queueUrl: string): Promise<number> {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0)
    );
  }
  return {
    sqs,
    document: DynamoDBDocumentClient.from(new DynamoDBClient({ ...config, endpoint: endpoints.dynamodb })),
    depth,
    /**
     * Waits until the pipeline has nothing left to do: every queue empty, none in flight. A step
     * sends its next message before its own is deleted, so two empty passes in a row mean done.
     * For a test that must show something did NOT happen, instead of sleeping and hoping.
     */
    async drained(timeoutMs = 30_000): Promise<void> {
      const urls = Object.values(endpoints.queues).map((queue) => queue.url);
      const empty = async () => (await Promise.all(urls.map(depth))).every((count) => count === 0);
      const emptyTwice = async () => {
        if (!(await empty())) return false;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return empty();
      };
      try {
        await eventually(emptyTwice, timeoutMs, 'the pipeline to drain');
      } catch (error) {
        // Say which queue held on: a message in flight that long failed, and waits out its visibility timeout.
        const left = await Promise.all(Object.entries(endpoints.queues).map(async ([name, queue]) => `${name} ${await depth(queue.url)}`));
        throw new Error(`${(error as Error).message}; messages left per queue: ${left.join(', ')}`);
      }
    },
  };
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}
