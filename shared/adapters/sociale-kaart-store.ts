import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Service, ServiceEntry } from '../domain/sociale-kaart.ts';
import { claim, membersOf, release, type BoundedSet, type ClaimResult } from './bounded-set.ts';
import { itemsOfRegion } from './by-region.ts';

/** The sociale-kaart table: services with their capacity and the referrals holding a place. */
export class SocialeKaartStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async listRegion(regionId: string): Promise<Service[]> {
    const items = await itemsOfRegion(this.#client, this.#tableName, regionId);
    return items.map((item) => ({ ...(item as unknown as ServiceEntry), placesTaken: Number(item.placesTaken ?? 0), reservedFor: membersOf(item.reservedFor) }));
  }

  /** Writes a service as published, replacing the whole item, reservations included: for seeding. */
  async put(service: ServiceEntry): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...service, placesTaken: 0 } }));
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
