import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AccessRecord {
  referralId: string;
  /** Who read: the authenticated principal, or 'anonymous' where the API has no sign-in yet. */
  actor: string;
  action: string;
  purpose: string;
  at: string;
  requestId: string;
  sourceIp?: string;
  userAgent?: string;
}

/** Append-only log of reads of a client record by a person (NEN 7513 in spirit). */
export class AccessLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async record(access: AccessRecord): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: { ...access, accessId: `${access.at}#${access.requestId}` },
        // Entries are never overwritten.
        ConditionExpression: 'attribute_not_exists(accessId)',
      }),
    );
  }
}
