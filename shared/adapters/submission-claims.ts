import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SubmissionClaim, SubmissionKeyClaims } from '../pipeline/ports.ts';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { GetCommand, PutCommand } = libDynamodb();

type Claim = SubmissionClaim;
export type { SubmissionClaim as Claim } from '../pipeline/ports.ts';
export { requestHash } from '../pipeline/keys.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** How long a claim stands: here and not beside the Powertools layer, whose import (with its JMESPath engine) the submitting functions do not need. */
export const DAY_SECONDS = 24 * 60 * 60;

/**
 * Idempotency-Key claims, kept in the idempotency table beside the Powertools records: which
 * referral a key stands for, per submitter, for a day. The claim is written before the referral,
 * so a retry after any crash finds it and carries on with the same referral id. Keys are stored
 * hashed; referral ids stay random, so knowing a key does not reveal a referral's id.
 */
export class SubmissionClaims implements SubmissionKeyClaims {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #ttlSeconds: number;

  constructor(client: DynamoDBDocumentClient, tableName: string, ttlSeconds: number) {
    this.#client = client;
    this.#tableName = tableName;
    this.#ttlSeconds = ttlSeconds;
  }

  /** Claims the key for this referral, or returns the live claim an earlier request made. */
  async claim(scope: string, idempotencyKey: string, claim: Claim, now: Date): Promise<{ claimed: true } | { claimed: false; existing: Claim }> {
    const id = `submission#${sha256(`${scope}\n${idempotencyKey}`)}`;
    const nowSeconds = Math.floor(now.getTime() / 1000);
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { id, ...claim, expiration: nowSeconds + this.#ttlSeconds },
          // An expired claim is free again: TTL deletes it eventually, this check at once.
          ConditionExpression: 'attribute_not_exists(id) OR expiration < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { id }, ConsistentRead: true }));
    return { claimed: false, existing: { referralId: Item!.referralId as string, requestHash: Item!.requestHash as string } };
  }
}

