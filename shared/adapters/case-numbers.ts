import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseNumberSequence } from '../pipeline/ports.ts';
import { libDynamodb } from './aws-sdk.ts';

const { UpdateCommand } = libDynamodb();

/**
 * The case-number counters: one item per region and year in the idempotency table, raised by one
 * atomic ADD per referral, so two referrals never get the same number (a number lost to a crash
 * between counting and storing leaves a gap, never a double).
 */
export class CaseNumbers implements CaseNumberSequence {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** The next sequence number of the region's referrals of `year`, from 1. */
  async next(regionId: string, year: string): Promise<number> {
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { id: `case-number#${regionId}#${year}` },
        UpdateExpression: 'ADD #sequence :one',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes!.sequence);
  }
}
