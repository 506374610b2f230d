import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { ContactPersonChangeRecord, ContactPersonChanges } from '../pipeline/ports.ts';
import { libDynamodb } from './aws-sdk.ts';

const { PutCommand, QueryCommand } = libDynamodb();

export type { ContactPersonChangeRecord } from '../pipeline/ports.ts';

/** Every change of each contact person, newest first: the team's history, as the kaart has its own. */
export class ContactPersonHistory implements ContactPersonChanges {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async record(change: ContactPersonChangeRecord): Promise<void> {
    // Two changes in the same millisecond keep both: the sort key carries a suffix.
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...change, changedAt: `${change.changedAt}#${randomUUID().slice(0, 8)}` },
        ConditionExpression: 'attribute_not_exists(changedAt)',
      }),
    );
  }

  async of(contactPersonId: string, limit = 200): Promise<ContactPersonChangeRecord[]> {
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'contactPersonId = :id',
        ExpressionAttributeValues: { ':id': contactPersonId },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => ({ ...(item as ContactPersonChangeRecord), changedAt: String(item.changedAt).split('#')[0]! }));
  }
}

export { changedFields } from '../domain/changes.ts';
