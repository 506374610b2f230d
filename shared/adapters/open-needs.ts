import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A hash of region and client reference: the key under which a client's cases are found. */
export const clientKeyOf = (regionId: string, clientRef: string) => createHash('sha256').update(`${regionId}:${clientRef}`).digest('hex');

/**
 * What the duplicate guard holds for a referral awaiting its netwerkintake (it has no needs yet):
 * one such referral per client; the intake then claims the needs it finds.
 */
export const INTAKE_CLAIM = 'netwerkintake';

/** An open referral in the way of a new one: enough to point to it, nothing of the client. */
export interface OpenReferral {
  referralId: string;
  /** Its case number, told with its id to the organisation that made it. */
  caseNumber?: string;
  /** Who made it: only that organisation is told its id. */
  referrerOrganisationId?: string;
  /** Its region: where a look into it is logged (the access log's region). */
  regionId?: string;
  /** Whom another referrer can coordinate with. */
  contactPersonName: string | null;
}

/**
 * The duplicate guard: one open referral per client and need, across referrers. Each need of an
 * open referral holds a claim (in the idempotency table); a second referral for the same client
 * and need finds it and is refused with a pointer to the open one. A claim whose referral is gone,
 * closed or withdrawn (a crash, a missed release) counts as free.
 */
export class OpenNeeds {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #openReferral: (referralId: string) => Promise<OpenReferral | undefined>;

  /** `openReferral`: the referral holding a claim if it is still open (ReferralStore.openReferral). */
  constructor(client: DynamoDBDocumentClient, tableName: string, openReferral: (referralId: string) => Promise<OpenReferral | undefined>) {
    this.#client = client;
    this.#tableName = tableName;
    this.#openReferral = openReferral;
  }

  #id = (clientKey: string, need: string) => `open-need#${clientKey}#${need}`;

  /** Claims every need for the referral; the open referral in the way when one is taken. */
  async claim(clientKey: string, needs: string[], referralId: string): Promise<{ claimed: true } | { claimed: false; open: OpenReferral; need: string }> {
    const taken: string[] = [];
    for (const need of needs) {
      const open = await this.#claimOne(this.#id(clientKey, need), referralId);
      if (open) {
        await this.release(clientKey, taken, referralId);
        return { claimed: false, open, need };
      }
      taken.push(need);
    }
    return { claimed: true };
  }

  /** Claims one need; returns the open referral holding it, or undefined when it is ours now. */
  async #claimOne(id: string, referralId: string): Promise<OpenReferral | undefined> {
    // The common case, a need nobody holds, costs one write; only a refusal reads who holds it.
    if (await this.#put(id, referralId, 'attribute_not_exists(id) OR referralId = :me', { ':me': referralId })) return undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { id }, ConsistentRead: true }));
      const holder = Item?.referralId as string | undefined;
      if (holder === referralId) return undefined;
      const open = holder ? await this.#openReferral(holder) : undefined;
      if (open) return open;
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
