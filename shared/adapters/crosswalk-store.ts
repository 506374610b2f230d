import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CrosswalkRecords, SavedCrosswalk } from '../pipeline/ports.ts';
import { libDynamodb } from './aws-sdk.ts';

const { PutCommand, QueryCommand } = libDynamodb();

export type { SavedCrosswalk } from '../pipeline/ports.ts';

/** The region's saved crosswalks (table `kaart-crosswalks`), one item each, keyed by region and id. */
export class CrosswalkStore implements CrosswalkRecords {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** Writes the crosswalk, replacing an earlier one with the same id. */
  async save(saved: SavedCrosswalk): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: saved }));
  }

  /** Every crosswalk of the region, in id order. */
  async list(regionId: string): Promise<SavedCrosswalk[]> {
    const items: SavedCrosswalk[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({ TableName: this.#tableName, KeyConditionExpression: 'regionId = :regionId', ExpressionAttributeValues: { ':regionId': regionId }, ExclusiveStartKey: start }),
      );
      items.push(...((page.Items ?? []) as SavedCrosswalk[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
