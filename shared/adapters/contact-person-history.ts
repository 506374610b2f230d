import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Role } from '../access/policy.ts';

/**
 * One change of a contact person, as it was made: added, edited (each field with what it was and
 * what it became), cases handed over for an absence or taken back after it. Never a client's
 * reference: the cases are counted here, named in their own timelines.
 */
export interface ContactPersonChangeRecord {
  contactPersonId: string;
  changedAt: string;
  change: 'created' | 'updated' | 'handed-over' | 'handed-back';
  /** Who made it: a person's pseudonymous id, role and name; or the scheduled run (`team-absences`). */
  by: string;
  role?: Role;
  name?: string;
  /** Per changed field: before and after (absent on a field that was or became empty). */
  fields?: Record<string, { from?: unknown; to?: unknown }>;
  /** For a hand-over: how many cases moved, and how many stayed because nobody had room. */
  cases?: { moved: number; stayed: number };
}

/** Every change of each contact person, newest first: the team's history, as the kaart has its own. */
export class ContactPersonHistory {
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

/** The fields that differ between two versions of a contact person, each with before and after. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): Record<string, { from?: unknown; to?: unknown }> {
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = { ...(before[field] !== undefined ? { from: before[field] } : {}), ...(after[field] !== undefined ? { to: after[field] } : {}) };
    }
  }
  return changes;
}
