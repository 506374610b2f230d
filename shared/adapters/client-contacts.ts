import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientContact } from '../domain/referral.ts';
import type { ClientContactRecords } from '../pipeline/ports.ts';
import { libDynamodb } from './aws-sdk.ts';

const { DeleteCommand, GetCommand, PutCommand } = libDynamodb();

/**
 * The client-contacts table: how to reach each client, one item per referral, kept apart from the
 * referral so that only the functions that show or use it can read it (see the topology's grants).
 */
export class ClientContacts implements ClientContactRecords {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** Stores the contact details of a new referral (again, on a retried submission: the same item). */
  async put(referralId: string, contact: ClientContact): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { referralId, contact } }));
  }

  async get(referralId: string): Promise<ClientContact | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { referralId }, ConsistentRead: true }));
    return Item?.contact as ClientContact | undefined;
  }

  /** Removes them for good: the retention period of the case ended. */
  async delete(referralId: string): Promise<void> {
    await this.#client.send(new DeleteCommand({ TableName: this.#tableName, Key: { referralId } }));
  }
}
