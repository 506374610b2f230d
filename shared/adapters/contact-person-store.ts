import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ContactPerson, ContactPersonEntry } from '../domain/contact-person.ts';
import { claim, membersOf, type ClaimResult } from './bounded-set.ts';

/** The contact-persons table: cliëntondersteuners and the clients assigned to them. */
export class ContactPersonStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async listRegion(regionId: string): Promise<ContactPerson[]> {
    const people: ContactPerson[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'by-region',
          KeyConditionExpression: 'regionId = :regionId',
          ExpressionAttributeValues: { ':regionId': regionId },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        people.push({ ...(item as ContactPersonEntry & { regionId: string }), caseload: Number(item.caseload ?? 0), clients: membersOf(item.clients) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return people;
  }

  async put(regionId: string, person: ContactPersonEntry): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...person, regionId, caseload: 0 } }));
  }

  /** Makes this person the client's contact person, within their caseload limit. */
  assign(contactPersonId: string, clientRef: string): Promise<ClaimResult> {
    return claim(
      this.#client,
      {
        tableName: this.#tableName,
        key: { contactPersonId },
        countAttribute: 'caseload',
        limitAttribute: 'caseloadLimit',
        membersAttribute: 'clients',
      },
      clientRef,
    );
  }
}
