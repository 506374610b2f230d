import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A hash of region and client reference: the key under which a client's cases are found. */
export const clientKeyOf = (regionId: string, clientRef: string) => createHash('sha256').update(`${regionId}:${clientRef}`).digest('hex');

/**
 * The duplicate guard: one open referral per client and need, across referrers. Each need of an
 * open referral holds a claim (in the idempotency table); a second referral for the same client
 * and need finds it and is refused with a pointer to the open one. A claim whose referral is gone,
 * closed or withdrawn (a crash, a missed release) counts as free.
 */
export class OpenNeeds {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #isOpen: (referralId: string) => Promise<boolean>;

  constructor(client: DynamoDBDocumentClient, tableName: string, isOpen: (referralId: string) => Promise<boolean>) {
    this.#client = client;
    this.#tableName = tableName;
    this.#isOpen = isOpen;
  }

  #id = (clientKey: string, need: string) => `open-need#${clientKey}#${need}`;

  /** Claims every need for the referral; the open referral in the way when one is taken. */
  async claim(clientKey: string, needs: string[], referralId: string): Promise<{ claimed: true } | { claimed: false; openReferralId: string; need: string }> {
    const taken: string[] = [];
    for (const need of needs) {
      const holder = await this.#claimOne(this.#id(clientKey, need), referralId);
      if (holder) {
        await this.release(clientKey, taken, referralId);
        return { claimed: false, openReferralId: holder, need };
      }
      taken.push(need);
    }
    return { claimed: true };
  }

  /** Claims one need; returns the open referral holding it, or undefined when it is ours now. */
  async #claimOne(id: string, referralId: string): Promise<string | undefined> {
    // The common case, a need nobody holds, costs one write; only a refusal reads who holds it.
    if (await this.#put(id, referralId, 'attribute_not_exists(id) OR referralId = :me', { ':me': referralId })) return undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { id }, ConsistentRead: true }));
      const holder = Item?.referralId as string | undefined;
      if (holder === referralId) return undefined;
      if (holder && (await this.#isOpen(holder))) return holder;
      // Take it only as it was read: free, or held by a referral that is over.
      const taken = holder
        ? await this.#put(id, referralId, 'referralId = :holder', { ':holder': holder })
        : await this.#put(id, referralId, 'attribute_not_exists(id)');
      if (taken) return undefined;
    }
    throw new Error('The open-need claim kept changing; try again');
  }

  async #put(id: string, referralId: string, condition: string, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({ TableName: this.#tableName, Item: { id, referralId }, ConditionExpression: condition, ...(values ? { ExpressionAttributeValues: values } : {}) }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Gives the referral's needs free again (when it is closed or withdrawn). */
  async release(clientKey: string, needs: string[], referralId: string): Promise<void> {
    for (const need of needs) {
      try {
        await this.#client.send(
          new DeleteCommand({
            TableName: this.#tableName,
            Key: { id: this.#id(clientKey, need) },
            ConditionExpression: 'referralId = :referralId',
            ExpressionAttributeValues: { ':referralId': referralId },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
}
