import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserAccount, UserHistoryEntry } from '../domain/user-account.ts';
import { itemsOfRegion } from './by-region.ts';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { GetCommand, PutCommand, UpdateCommand } = libDynamodb();

/** The item that holds an e-mail address for one account: one account per address, claimed by a conditional write. */
const emailKey = (email: string) => `email:${email.toLowerCase()}`;

/**
 * The users table: each account the region's beheerder invited, with its history, keyed by the
 * identity provider's subject; and per e-mail address a claim item naming its account (which the
 * `by-region` index leaves out: it has no region). Single-item conditional writes only.
 */
export class UserStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** Claims the address for this account; false when another account has it. */
  async claimEmail(email: string, userId: string, at: string): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({ TableName: this.#tableName, Item: { userId: emailKey(email), ownerId: userId, claimedAt: at }, ConditionExpression: 'attribute_not_exists(userId)' }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async put(account: UserAccount): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: account, ConditionExpression: 'attribute_not_exists(userId)' }));
  }

  async get(userId: string): Promise<UserAccount | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { userId } }));
    return Item && 'email' in Item ? (Item as UserAccount) : undefined;
  }

  async byEmail(email: string): Promise<UserAccount | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { userId: emailKey(email) } }));
    return typeof Item?.ownerId === 'string' ? this.get(Item.ownerId) : undefined;
  }

  async listRegion(regionId: string): Promise<UserAccount[]> {
    return (await itemsOfRegion(this.#client, this.#tableName, regionId)) as unknown as UserAccount[];
  }

  /**
   * Sets `active` on an account of this region, the change appended to its history in the same
   * write; undefined when there is no such account in the region.
   */
  async setActive(userId: string, regionId: string, active: boolean, entry: UserHistoryEntry): Promise<UserAccount | undefined> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { userId },
          UpdateExpression: 'SET active = :active, changedAt = :at, history = list_append(history, :entry)',
          ConditionExpression: 'attribute_exists(userId) AND regionId = :regionId',
          ExpressionAttributeValues: { ':active': active, ':at': entry.at, ':entry': [entry], ':regionId': regionId },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as UserAccount;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Only `active` of one account (what the API's sign-in check reads): undefined for an account not kept here. */
  async isActive(userId: string): Promise<boolean | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { userId }, ProjectionExpression: 'active' }));
    return typeof Item?.active === 'boolean' ? Item.active : undefined;
  }
}
