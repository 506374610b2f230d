import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PUBLISHED_FIELDS, type Service, type ServiceEntry } from '../domain/sociale-kaart.ts';
import { claim, membersOf, release, type BoundedSet, type ClaimResult } from './bounded-set.ts';
import { itemsOfRegion } from './by-region.ts';

/** What an upsert did: `other-region` when the id is taken by an entry of another region (nothing written). */
export type UpsertOutcome = { outcome: 'created' | 'updated' | 'unchanged' } | { outcome: 'other-region'; regionId: string };

const asService = (item: Record<string, unknown>): Service => ({
  ...(item as unknown as ServiceEntry),
  placesTaken: Number(item.placesTaken ?? 0),
  reservedFor: membersOf(item.reservedFor),
});

/** The sociale-kaart table: services with their capacity and the referrals holding a place. */
export class SocialeKaartStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async listRegion(regionId: string): Promise<Service[]> {
    return (await itemsOfRegion(this.#client, this.#tableName, regionId)).map(asService);
  }

  async get(serviceId: string): Promise<Service | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { serviceId } }));
    return Item ? asService(Item) : undefined;
  }

  /** Writes a service as published, replacing the whole item, reservations included: for seeding. */
  async put(service: ServiceEntry, now = new Date()): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...service, placesTaken: 0, updatedAt: now.toISOString() } }));
  }

  /**
   * Writes the published fields of an entry (an import), creating it when new. Reservations
   * (`placesTaken`, `reservedFor`) and anything else on the item stay as they are; `updatedAt`
   * moves only when a published field changed. An id held by another region's entry is refused.
   */
  async upsert(entry: ServiceEntry, now: Date): Promise<UpsertOutcome> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { serviceId: entry.serviceId }, ConsistentRead: true }));
    if (Item && Item.regionId !== entry.regionId) return { outcome: 'other-region', regionId: String(Item.regionId) };
    if (Item && PUBLISHED_FIELDS.every((field) => isDeepStrictEqual(Item[field], entry[field]))) return { outcome: 'unchanged' };

    const names: Record<string, string> = { '#regionId': 'regionId', '#placesTaken': 'placesTaken', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':regionId': entry.regionId, ':zero': 0, ':now': now.toISOString() };
    const set = ['#placesTaken = if_not_exists(#placesTaken, :zero)', '#updatedAt = :now'];
    const remove: string[] = [];
    for (const field of PUBLISHED_FIELDS) {
      if (field === 'serviceId') continue; // the key
      names[`#${field}`] = field;
      if (entry[field] === undefined) remove.push(`#${field}`);
      else {
        values[`:${field}`] = entry[field];
        set.push(`#${field} = :${field}`);
      }
    }
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { serviceId: entry.serviceId },
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          // Another import may have created the id for another region since the read.
          ConditionExpression: 'attribute_not_exists(#regionId) OR #regionId = :regionId',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(entry.serviceId);
      return { outcome: 'other-region', regionId: current?.regionId ?? 'unknown' };
    }
    return { outcome: Item ? 'updated' : 'created' };
  }

  #places(serviceId: string): BoundedSet {
    return {
      tableName: this.#tableName,
      key: { serviceId },
      countAttribute: 'placesTaken',
      limitAttribute: 'capacity',
      membersAttribute: 'reservedFor',
    };
  }

  /** Reserves one place for a referral; never beyond capacity, never twice for the same referral. */
  reserve(serviceId: string, referralId: string): Promise<ClaimResult> {
    return claim(this.#client, this.#places(serviceId), referralId);
  }

  releasePlace(serviceId: string, referralId: string): Promise<boolean> {
    return release(this.#client, this.#places(serviceId), referralId);
  }
}
