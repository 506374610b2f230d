import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Role } from '../access/policy.ts';

/** One change of a service's places or waiting time, as it was made. */
export interface AvailabilityChange {
  serviceId: string;
  changedAt: string;
  capacity: number | null;
  waitingWeeks: number;
  /** What it was before, so a chart shows the step. */
  previous: { capacity: number | null; waitingWeeks: number };
  /** Who changed it: a person's pseudonymous id and role. */
  by: string;
  role: Role;
}

/** The history of each service's capacity and waiting time, newest first: how waiting times move. */
export class KaartHistory {
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
