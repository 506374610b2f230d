import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ContactPerson, ContactPersonEntry } from '../domain/contact-person.ts';
import { claim, membersOf, release, type ClaimResult } from './bounded-set.ts';
import { itemsOfRegion } from './by-region.ts';

/** The contact-persons table: cliëntondersteuners and the clients assigned to them. */
export class ContactPersonStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async listRegion(regionId: string): Promise<ContactPerson[]> {
    const items = await itemsOfRegion(this.#client, this.#tableName, regionId);
    return items.map((item) => ({
      ...(item as unknown as ContactPersonEntry & { regionId: string }),
      caseload: Number(item.caseload ?? 0),
      clients: membersOf(item.clients),
    }));
  }

  /** Writes a contact person with an empty caseload, replacing the whole item: for seeding. */
  async put(regionId: string, person: ContactPersonEntry): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...person, regionId, caseload: 0 } }));
  }

  #caseload(contactPersonId: string) {
    return {
      tableName: this.#tableName,
      key: { contactPersonId },
      countAttribute: 'caseload',
      limitAttribute: 'caseloadLimit',
      membersAttribute: 'clients',
    };
  }

  /** Makes this person the client's contact person, within their caseload limit. */
  assign(contactPersonId: string, clientRef: string): Promise<ClaimResult> {
    return claim(this.#client, this.#caseload(contactPersonId), clientRef);
  }

  /** The client's case with this person is over: their caseload slot is free again. */
  release(contactPersonId: string, clientRef: string): Promise<boolean> {
    return release(this.#client, this.#caseload(contactPersonId), clientRef);
  }
}
