import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NeedClaims, OpenReferral } from '../pipeline/ports.ts';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { DeleteCommand, GetCommand, UpdateCommand } = libDynamodb();

export { clientKeyOf, INTAKE_CLAIM } from '../pipeline/keys.ts';
export type { OpenReferral } from '../pipeline/ports.ts';

/**
 * A claim younger than this whose referral is not stored yet belongs to a submission still under
 * way (submit's timeout is 10 s): it is not taken over, or two referrals sent at the same moment
 * would both pass. An older one belongs to a submission that died: it is taken over.
 */
export const UNSTORED_CLAIM_GRACE_MS = 30_000;

/**
 * The duplicate guard: one open referral per client and need, across referrers. One item per
 * client (in the idempotency table) holds, per need, the referral that claimed it and when; a
 * referral claims all its needs with one conditional write, so the common case costs one request
 * and a refusal leaves nothing half-claimed. A second referral for the same client and need finds
 * the claim and is refused with a pointer to the open one. A claim whose referral is closed or
 * withdrawn (a missed release), or was never stored and is older than the grace period (a crash),
 * counts as free. The item goes once it holds no claim.
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
    // First as if nobody holds them: the common case, one write. Then as they were read, taking over only claims that are over.
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
          const claimedAt = Date.parse(String(Item[claimedAtOf(need)] ?? ''));
          // Not stored (yet), and claimed only just now: its submission is still under way.
          if (Date.now() - claimedAt < UNSTORED_CLAIM_GRACE_MS) return { claimed: false, open: { referralId: holder, contactPersonName: null }, need };
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
    const values: Record<string, unknown> = { ':me': referralId, ':now': new Date().toISOString() };
    const sets: string[] = [];
    const conditions = needs.map((need, index) => {
      names[`#n${index}`] = attributeOf(need);
      names[`#t${index}`] = claimedAtOf(need);
      sets.push(`#n${index} = :me`, `#t${index} = :now`);
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
          UpdateExpression: `SET ${sets.join(', ')} ADD #changes :one`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: { ...names, '#changes': 'changes' },
          ExpressionAttributeValues: { ...values, ':one': 1 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Gives the referral's needs free again (when it is closed or withdrawn); needs it does not hold
   * stay as they are. An item left without claims is deleted, unless a claim came meanwhile.
   */
  async release(clientKey: string, needs: string[], referralId: string): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: this.#key(clientKey), ConsistentRead: true }));
      const mine = [...new Set(needs)].filter((need) => Item?.[attributeOf(need)] === referralId);
      if (!mine.length) return;
      const names: Record<string, string> = {};
      mine.forEach((need, index) => Object.assign(names, { [`#n${index}`]: attributeOf(need), [`#t${index}`]: claimedAtOf(need) }));
      try {
        const { Attributes = {} } = await this.#client.send(
          new UpdateCommand({
            TableName: this.#tableName,
            Key: this.#key(clientKey),
            UpdateExpression: `REMOVE ${mine.flatMap((_, index) => [`#n${index}`, `#t${index}`]).join(', ')} ADD #changes :one`,
            ConditionExpression: mine.map((_, index) => `#n${index} = :me`).join(' AND '),
            ExpressionAttributeNames: { ...names, '#changes': 'changes' },
            ExpressionAttributeValues: { ':me': referralId, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        );
        if (!Object.keys(Attributes).some((name) => name.startsWith(NEED_PREFIX))) await this.#deleteIfUnchanged(clientKey, Attributes.changes as number);
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error('The open-need claims of this client kept changing; try again');
  }

  /** Deletes the client's item, holding no claim, unless it changed since (a claim came meanwhile). */
  async #deleteIfUnchanged(clientKey: string, changes: number): Promise<void> {
    try {
      await this.#client.send(
        new DeleteCommand({ TableName: this.#tableName, Key: this.#key(clientKey), ConditionExpression: '#changes = :changes', ExpressionAttributeNames: { '#changes': 'changes' }, ExpressionAttributeValues: { ':changes': changes } }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

const NEED_PREFIX = 'need:';
/** The item's attribute for one need (its value: the referral holding it), and when it was claimed. */
const attributeOf = (need: string) => `${NEED_PREFIX}${need}`;
const claimedAtOf = (need: string) => `claimed-at:${need}`;
