import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EDITABLE_FIELDS, type ContactPerson, type ContactPersonEntry } from '../domain/contact-person.ts';
import type { ContactPersonInput } from '../domain/contact-person-entry.ts';
import { claim, membersOf, release, type ClaimResult } from './bounded-set.ts';
import { itemsOfRegion } from './by-region.ts';
import type { ContactPersonRecords, StoredContactPerson } from '../pipeline/ports.ts';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { GetCommand, PutCommand, UpdateCommand } = libDynamodb();

export type { StoredContactPerson } from '../pipeline/ports.ts';

function fromItem(item: Record<string, unknown>): StoredContactPerson {
  return {
    ...(item as unknown as ContactPersonEntry & { regionId: string }),
    // Entries seeded before languages and deactivation existed.
    languages: (item.languages as string[] | undefined) ?? ['nl'],
    active: item.active !== false,
    caseload: Number(item.caseload ?? 0),
    clients: membersOf(item.clients),
    handedOverCases: membersOf(item.handedOverCases),
    version: Number(item.version ?? 0),
  };
}

/** The contact-persons table: cliëntondersteuners and the clients assigned to them. */
export class ContactPersonStore implements ContactPersonRecords {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async listRegion(regionId: string): Promise<StoredContactPerson[]> {
    const items = await itemsOfRegion(this.#client, this.#tableName, regionId);
    return items.map(fromItem);
  }

  async get(contactPersonId: string): Promise<StoredContactPerson | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { contactPersonId }, ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  }

  /** The region a contact person works in, and nothing else of them: for checks that need only that. */
  async regionOf(contactPersonId: string): Promise<string | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { contactPersonId }, ProjectionExpression: 'regionId' }));
    return Item?.regionId as string | undefined;
  }

  /** Writes a contact person with an empty caseload, replacing the whole item: for seeding. */
  async put(regionId: string, person: ContactPersonEntry): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...person, regionId, caseload: 0 } }));
  }

  /** A new contact person of the region, with an empty caseload; false when the id is taken. */
  async create(regionId: string, person: ContactPersonEntry): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...person, regionId, caseload: 0, version: 1 },
          ConditionExpression: 'attribute_not_exists(contactPersonId)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Replaces what the region edits, if the person is still as read (`version`); the caseload and its
   * clients are not touched (only claim and release change them). Undefined when someone else changed
   * the person meanwhile: read again and decide again.
   */
  async replace(current: StoredContactPerson, input: ContactPersonInput): Promise<StoredContactPerson | undefined> {
    const names: Record<string, string> = { '#version': 'version', '#region': 'regionId' };
    const values: Record<string, unknown> = { ':one': 1, ':zero': 0, ':region': current.regionId };
    // Seeded people have no version yet: the first change through the API is written against that.
    let condition = 'attribute_exists(contactPersonId) AND #region = :region AND attribute_not_exists(#version)';
    if (current.version > 0) {
      values[':version'] = current.version;
      condition = 'attribute_exists(contactPersonId) AND #region = :region AND #version = :version';
    }
    const sets = ['#version = if_not_exists(#version, :zero) + :one'];
    const removes: string[] = [];
    EDITABLE_FIELDS.forEach((field, index) => {
      names[`#f${index}`] = field;
      if (input[field] === undefined) removes.push(`#f${index}`);
      else {
        values[`:f${index}`] = input[field];
        sets.push(`#f${index} = :f${index}`);
      }
    });
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { contactPersonId: current.contactPersonId },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Remembers a case handed over for this person's absence, to give back after it. */
  async noteHandedOver(contactPersonId: string, referralId: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { contactPersonId },
        UpdateExpression: 'ADD handedOverCases :case',
        ConditionExpression: 'attribute_exists(contactPersonId)',
        ExpressionAttributeValues: { ':case': new Set([referralId]) },
      }),
    );
  }

  /** The case is back, or will not come back: nothing more to give back for it. */
  async forgetHandedOver(contactPersonId: string, referralId: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { contactPersonId },
        UpdateExpression: 'DELETE handedOverCases :case',
        ConditionExpression: 'attribute_exists(contactPersonId)',
        ExpressionAttributeValues: { ':case': new Set([referralId]) },
      }),
    );
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
