import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../domain/vocabulary.ts';
import { dutchDate } from '../domain/dutch-calendar.ts';
import { PUBLISHED_FIELDS, type KaartItem, type ServiceEntry, type VerificationRequest } from '../domain/sociale-kaart.ts';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } = libDynamodb();
export type { KaartItem, VerificationRequest } from '../domain/sociale-kaart.ts';
import { REGIONS } from '../regions/index.ts';
import { claim, membersOf, release, type BoundedSet, type ClaimResult } from './bounded-set.ts';
import { itemsOfRegion } from './by-region.ts';
import type { Availability, KaartRecords, UpsertOutcome } from '../pipeline/ports.ts';

export type { Availability, UpsertOutcome } from '../pipeline/ports.ts';

/** The sociale-kaart table: services with their capacity and the referrals holding a place. */
export class SocialeKaartStore implements KaartRecords {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** Every service of these regions (all this deployment serves, by default). */
  async listRegions(regionIds: Iterable<string> = REGIONS.map(({ region }) => region.regionId)): Promise<KaartItem[]> {
    return (await Promise.all([...regionIds].map((regionId) => this.listRegion(regionId)))).flat();
  }

  /** Every service of an organisation, in whichever region (a partner's own entries). */
  /**
   * The organisation's services; within `regionId` when the caller's account names a region, so an
   * account of one region never reaches another region's services by an organisation id.
   */
  async listOrganisation(organisationId: string, regionId?: string): Promise<KaartItem[]> {
    return (await this.listRegions()).filter((service) => service.organisationId === organisationId && (regionId === undefined || service.regionId === regionId));
  }

  async listRegion(regionId: string): Promise<KaartItem[]> {
    const items = await itemsOfRegion(this.#client, this.#tableName, regionId);
    return items.map(toService);
  }

  /** Writes a service as published, replacing the whole item, reservations included: for seeding. */
  async put(service: ServiceEntry, now = new Date()): Promise<void> {
    await this.#client.send(new PutCommand({ TableName: this.#tableName, Item: { ...service, placesTaken: 0, updatedAt: now.toISOString() } }));
  }

  /**
   * Writes the published fields of an entry (an import), creating it when new. Reservations
   * (`placesTaken`, `reservedFor`) and the upkeep on the item (verification, availability
   * timestamps) stay as they are; `updatedAt` moves only when a published field changed. An id
   * held by another region's entry is refused.
   */
  async upsert(entry: ServiceEntry, now: Date): Promise<UpsertOutcome> {
    return this.#write(entry, await this.get(entry.serviceId), now);
  }

  /** The upsert once the entry as stored (or its absence) is known. */
  async #write(entry: ServiceEntry, existing: KaartItem | undefined, now: Date): Promise<UpsertOutcome> {
    if (!existing) {
      // A new entry is one put, unless another import created the id since the read: then as an update.
      try {
        await this.#client.send(
          new PutCommand({ TableName: this.#tableName, Item: { ...entry, placesTaken: 0, updatedAt: now.toISOString() }, ConditionExpression: 'attribute_not_exists(serviceId)' }),
        );
        return { outcome: 'created' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const created = await this.get(entry.serviceId);
        if (created) return this.#write(entry, created, now);
        throw error;
      }
    }
    if (existing.regionId !== entry.regionId) return { outcome: 'other-region', regionId: existing.regionId };
    if (PUBLISHED_FIELDS.every((field) => isDeepStrictEqual(existing[field], entry[field]))) return { outcome: 'unchanged' };

    const names: Record<string, string> = { '#placesTaken': 'placesTaken', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':zero': 0, ':now': now.toISOString() };
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
      return { outcome: 'other-region', regionId: (await this.get(entry.serviceId))?.regionId ?? 'unknown' };
    }
    return { outcome: 'updated', previous: existing };
  }

  /**
   * Upserts many entries (an import), a few at a time: a region's whole kaart in seconds, without
   * flooding the table. Outcomes come back in the entries' order; `onWritten` hears each one.
   */
  async upsertMany(entries: readonly ServiceEntry[], now: Date, options: { concurrency?: number; onWritten?: (done: number) => void } = {}): Promise<UpsertOutcome[]> {
    // What is there already, a hundred per read: an unchanged entry then costs no request of its own.
    const existing = await this.#getMany(entries.map((entry) => entry.serviceId));
    const outcomes: UpsertOutcome[] = new Array(entries.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < entries.length) {
        const index = next++;
        const entry = entries[index]!;
        outcomes[index] = await this.#write(entry, existing.get(entry.serviceId), now);
        options.onWritten?.(++done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, entries.length) }, worker));
    return outcomes;
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

  async #getMany(serviceIds: readonly string[]): Promise<Map<string, KaartItem>> {
    const found = new Map<string, KaartItem>();
    const unique = [...new Set(serviceIds)];
    for (let index = 0; index < unique.length; index += 100) {
      let keys: Record<string, unknown>[] = unique.slice(index, index + 100).map((serviceId) => ({ serviceId }));
      while (keys.length) {
        const result = await this.#client.send(new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of result.Responses?.[this.#tableName] ?? []) found.set(item.serviceId as string, toService(item));
        keys = result.UnprocessedKeys?.[this.#tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  async get(serviceId: string): Promise<KaartItem | undefined> {
    const { Item } = await this.#client.send(new GetCommand({ TableName: this.#tableName, Key: { serviceId }, ConsistentRead: true }));
    return Item ? toService(Item) : undefined;
  }

  /**
   * A partner's or the beheerder's update of the places open and the waiting time. Places already
   * taken stay taken: with fewer places than taken, no new reservation fits until enough are given back.
   */
  /** Sets the entry's vast aanspreekpunt, with when and in which role it was changed; undefined when the entry is gone. */
  async updateContact(serviceId: string, contact: ServiceEntry['contact'], change: { at: string; role: Role }): Promise<KaartItem | undefined> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { serviceId },
          UpdateExpression: 'SET contact = :contact, contactUpdatedAt = :at, contactUpdatedBy = :role, updatedAt = :at',
          ConditionExpression: 'attribute_exists(serviceId)',
          ExpressionAttributeValues: { ':contact': contact, ':at': change.at, ':role': change.role },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toService(Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async updateAvailability(serviceId: string, change: Availability, at: string): Promise<KaartItem | undefined> {
    const sets = ['availabilityUpdatedAt = :at', 'updatedAt = :at'];
    const values: Record<string, unknown> = { ':at': at };
    // CAPACITY is a reserved word in DynamoDB expressions.
    const names: Record<string, string> = {};
    for (const field of ['capacity', 'waitingWeeks'] as const) {
      if (change[field] === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = change[field];
      sets.push(`#${field} = :${field}`);
    }
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { serviceId },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(serviceId)',
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toService(Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Records that the partner was asked to confirm the entry at this stage of staleness, unless it
   * was asked already at this stage or the entry was confirmed meanwhile: one e-mail per stage.
   */
  async requestVerification(service: Pick<KaartItem, 'serviceId' | 'lastVerified'>, request: VerificationRequest): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { serviceId: service.serviceId },
          UpdateExpression: 'SET verification = :request',
          // Not asked at this stage yet, or asked but the e-mail never went (then with a new link).
          ConditionExpression:
            'lastVerified = :lastVerified AND (attribute_not_exists(verification) OR verification.stage <> :stage OR attribute_not_exists(verification.sentAt))',
          ExpressionAttributeValues: { ':request': request, ':lastVerified': service.lastVerified, ':stage': request.stage },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The e-mail with this request's link went out. */
  async markVerificationSent(serviceId: string, tokenHash: string, at: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { serviceId },
        UpdateExpression: 'SET verification.sentAt = :at',
        ConditionExpression: 'verification.tokenHash = :hash',
        ExpressionAttributeValues: { ':at': at, ':hash': tokenHash },
      }),
    );
  }

  /** The partner confirmed the entry through the link: verified today, the request answered. */
  async confirmVerification(serviceId: string, tokenHash: string, now: Date): Promise<KaartItem | undefined> {
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { serviceId },
          UpdateExpression: 'SET lastVerified = :today, updatedAt = :now REMOVE verification',
          ConditionExpression: 'verification.tokenHash = :hash AND verification.expiresAt > :now',
          ExpressionAttributeValues: { ':hash': tokenHash, ':today': dutchDate(now), ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toService(Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}



function toService(item: Record<string, unknown>): KaartItem {
  return { ...(item as unknown as KaartItem), placesTaken: Number(item.placesTaken ?? 0), reservedFor: membersOf(item.reservedFor) };
}
