import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NeedClaims, OpenReferral } from '../pipeline/ports.ts';

export { clientKeyOf, INTAKE_CLAIM } from '../pipeline/keys.ts';
export type { OpenReferral } from '../pipeline/ports.ts';

/**
 * The duplicate guard: one open referral per client and need, across referrers. One item per
 * client (in the idempotency table) holds, per need, the referral that claimed it; a referral
 * claims all its needs with one conditional write, so the common case costs one request and a
 * refusal leaves nothing half-claimed. A second referral for the same client and need finds the
 * claim and is refused with a pointer to the open one. A claim whose referral is gone, closed or
 * withdrawn (a crash, a missed release) counts as free.
 */
export class OpenNeeds implements NeedClaims {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #openReferral: (referralId: string) => Promise<OpenReferral | undefined>;

  /** `openReferral`: the referral holding a claim if it is still open (ReferralStore.openReferral). */
  constructor(client: DynamoDBDocumentClient, tableName: string, openReferral: (referralId: string) => Promise<OpenReferral | undefined>) {
    this.#client = client;
    this.#tableName = tableName;
    this.#openReferral = openReferral;
  }

  #key = (clientKey: string) => ({ id: `open-needs#${clientKey}` });

  /** Claims every need for the referral; the open referral in the way when one is taken. */
  async claim(clientKey: string, needs: string[], referralId: string): Promise<{ claimed: true } | { claimed: false; open: OpenReferral; need: string }> {
    const wanted = [...new Set(needs)];
    if (!wanted.length) return { claimed: true };
    // First as if nobody holds them: the common case, one write. Then as they were read, taking over only claims of referrals that are over.
    let expected = new Map<string, string | undefined>();
    for (let attempt = 0; attempt < 4; attempt++) {
      if (await this.#write(clientKey, wanted, referralId, expected)) return { claimed: true };
      const { Item = {} } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: this.#key(clientKey), ConsistentRead: true }));
      expected = new Map();
      for (const need of wanted) {
        const holder = Item[attributeOf(need)] as string | undefined;
        if (holder && holder !== referralId) {
          const open = await this.#openReferral(holder);
          if (open) return { claimed: false, open, need };
        }
        expected.set(need, holder);
      }
    }
    throw new Error('The open-need claims of this client kept changing; try again');
  }

  /**
   * Sets every need to the referral, on condition that each is free or ours (`expected` empty), or
   * still held as it was read (`expected`).
   */
  async #write(clientKey: string, needs: string[], referralId: string, expected: Map<string, string | undefined>): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':me': referralId };
    const conditions = needs.map((need, index) => {
      names[`#n${index}`] = attributeOf(need);
      if (!expected.size) return `(attribute_not_exists(#n${index}) OR #n${index} = :me)`;
      const holder = expected.get(need);
      if (holder === undefined) return `attribute_not_exists(#n${index})`;
      values[`:h${index}`] = holder;
      return `#n${index} = :h${index}`;
    });
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: this.#key(clientKey),
          UpdateExpression: `SET ${needs.map((_, index) => `#n${index} = :me`).join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Gives the referral's needs free again (when it is closed or withdrawn); needs it does not hold stay as they are. */
  async release(clientKey: string, needs: string[], referralId: string): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: this.#key(clientKey), ConsistentRead: true }));
      const mine = [...new Set(needs)].filter((need) => Item?.[attributeOf(need)] === referralId);
      if (!mine.length) return;
      const names = Object.fromEntries(mine.map((need, index) => [`#n${index}`, attributeOf(need)]));
      try {
        await this.#client.send(
          new UpdateCommand({
            TableName: this.#tableName,
            Key: this.#key(clientKey),
            UpdateExpression: `REMOVE ${mine.map((_, index) => `#n${index}`).join(', ')}`,
            ConditionExpression: mine.map((_, index) => `#n${index} = :me`).join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':me': referralId },
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error('The open-need claims of this client kept changing; try again');
  }
}

/** The item's attribute for one need (its value: the referral holding it). */
const attributeOf = (need: string) => `need:${need}`;
