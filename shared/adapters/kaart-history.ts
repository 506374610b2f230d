import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { AvailabilityChange, KaartChanges } from '../pipeline/ports.ts';
import { libDynamodb } from './aws-sdk.ts';

const { PutCommand, QueryCommand } = libDynamodb();

export type { AvailabilityChange } from '../pipeline/ports.ts';

/** The history of each service's capacity and waiting time, newest first: how waiting times move. */
export class KaartHistory implements KaartChanges {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async record(change: AvailabilityChange): Promise<void> {
    // Two changes in the same millisecond keep both: the sort key carries a suffix.
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...change, changedAt: `${change.changedAt}#${randomUUID().slice(0, 8)}` } }));
  }

  async of(serviceId: string, limit = 200): Promise<AvailabilityChange[]> {
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'serviceId = :serviceId',
        ExpressionAttributeValues: { ':serviceId': serviceId },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => ({ ...(item as AvailabilityChange), changedAt: String(item.changedAt).split('#')[0]! }));
  }
}
