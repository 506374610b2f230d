import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { libDynamodb } from './aws-sdk.ts';

const { GetCommand, PutCommand, ScanCommand } = libDynamodb();

/**
 * A region as the regions table keeps it: its configuration and its triage rule set, as the region
 * file gave them (checked again when a function loads them), and a revision that counts its versions.
 */
export interface RegionItem {
  regionId: string;
  /** 1 for the first version, one more with every `npm run region -- init` of the same region. */
  revision: number;
  region: unknown;
  triageRules: unknown;
  updatedAt: string;
  /** Who wrote this version: the CLI's user, or `npm start` for the built-in demo region. */
  updatedBy: string;
}

export class RegionWriteConflict extends Error {
  constructor(regionId: string) {
    super(`Region ${regionId} changed while it was being written; run the command again.`);
    this.name = 'RegionWriteConflict';
  }
}

/** The regions table: one item per region. Few and small, so a function reads them all at once. */
export class RegionStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async list(): Promise<RegionItem[]> {
    const items: RegionItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(new ScanCommand({ TableName: this.#tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...((page.Items ?? []) as RegionItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => a.regionId.localeCompare(b.regionId));
  }

  async get(regionId: string): Promise<RegionItem | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { regionId }, ConsistentRead: true }));
    return Item as RegionItem | undefined;
  }

  /**
   * Writes the next version of a region: revision 1 where there was none, one more than `previous`
   * otherwise. Conditional, so two writers at once cannot both win (dynalite has no transactions).
   */
  async put(item: Omit<RegionItem, 'revision'>, previous: number | undefined): Promise<RegionItem> {
    const next: RegionItem = { ...item, revision: (previous ?? 0) + 1 };
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: next,
          ...(previous === undefined
            ? { ConditionExpression: 'attribute_not_exists(regionId)' }
            : { ConditionExpression: 'revision = :previous', ExpressionAttributeValues: { ':previous': previous } }),
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw new RegionWriteConflict(item.regionId);
      throw error;
    }
    return next;
  }
}
