import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Referral, TimelineEntry } from '../domain/referral.ts';
import { derivedAttributes } from '../domain/referral-stats.ts';
import { CLOSED_STATUSES, type ReferralStatus } from '../domain/vocabulary.ts';

export interface Transition {
  /** The status the referral must still have (default: the status it had when read); the write is refused otherwise. */
  from?: ReferralStatus;
  /** The version the referral must still have (changes by people read first, then write). */
  expectVersion?: number;
  to?: ReferralStatus;
  set?: Partial<Omit<Referral, 'referralId' | 'status' | 'statusChangedAt' | 'timeline' | keyof ReturnType<typeof derivedAttributes>>>;
  remove?: (keyof Referral)[];
  timeline: TimelineEntry[];
}

export interface StaleReferral {
  referralId: string;
  status: ReferralStatus;
  statusChangedAt: string;
  sweeps: number;
  lastSweptAt?: string;
  stalledAt?: string;
}

function toStale(item: Record<string, unknown>): StaleReferral {
  return {
    referralId: item.referralId as string,
    status: item.status as ReferralStatus,
    statusChangedAt: item.statusChangedAt as string,
    sweeps: (item.sweeps as number | undefined) ?? 0,
    lastSweptAt: item.lastSweptAt as string | undefined,
    stalledAt: item.stalledAt as string | undefined,
  };
}

/** The referrals table. Every status change is a conditional write on the previous status. */
export class ReferralStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** Stores a new referral; false when the id exists already. */
  async create(referral: Referral): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...referral, ...derivedAttributes(referral) },
          ConditionExpression: 'attribute_not_exists(referralId)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(referralId: string): Promise<Referral | undefined> {
    const result = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { referralId }, ConsistentRead: true }),
    );
    return result.Item as Referral | undefined;
  }

  /** Whether the referral exists and is not closed or withdrawn. */
  async isOpen(referralId: string): Promise<boolean> {
    const result = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { referralId }, ProjectionExpression: '#status', ExpressionAttributeNames: { '#status': 'status' }, ConsistentRead: true }),
    );
    const status = result.Item?.status as ReferralStatus | undefined;
    return status !== undefined && !CLOSED_STATUSES.includes(status);
  }

  /**
   * Applies a transition to the referral as it was read (`current`) if it still has status `from`;
   * returns the updated referral, or undefined when another writer moved it on first (the caller
   * re-reads and decides again). The attributes the indexes need are derived here, in one place.
   */
  async transition(current: Referral, transition: Transition): Promise<Referral | undefined> {
    const { referralId } = current;
    const from = transition.from ?? current.status;
    const next: Referral = {
      ...current,
      ...(transition.set as Partial<Referral>),
      status: transition.to ?? from,
      timeline: [...current.timeline, ...transition.timeline],
    };
    for (const key of transition.remove ?? []) delete next[key];
    const derived = derivedAttributes(next);
    const set: Record<string, unknown> = { ...transition.set };
    const remove: string[] = [...(transition.remove ?? [])];
    for (const [key, value] of Object.entries(derived)) {
      if (value !== undefined) set[key] = value;
      else if (current[key as keyof Referral] !== undefined) remove.push(key);
    }
    const names: Record<string, string> = { '#status': 'status', '#timeline': 'timeline', '#version': 'version' };
    const values: Record<string, unknown> = { ':from': from, ':timeline': transition.timeline, ':zero': 0, ':one': 1 };
    const sets = ['#timeline = list_append(#timeline, :timeline)', '#version = if_not_exists(#version, :zero) + :one'];
    let condition = '#status = :from';
    if (transition.expectVersion === 0) condition += ' AND attribute_not_exists(#version)';
    else if (transition.expectVersion !== undefined) {
      values[':version'] = transition.expectVersion;
      condition += ' AND #version = :version';
    }
    const entries = Object.entries(set).filter(([, value]) => value !== undefined);
    entries.forEach(([key, value], index) => {
      names[`#s${index}`] = key;
      values[`:s${index}`] = value;
      sets.push(`#s${index} = :s${index}`);
    });
    if (transition.to) {
      values[':to'] = transition.to;
      values[':changedAt'] = transition.timeline.at(-1)?.at ?? new Date().toISOString();
      names['#statusChangedAt'] = 'statusChangedAt';
      sets.push('#status = :to', '#statusChangedAt = :changedAt');
    }
    const removes = remove.map((key, index) => {
      names[`#r${index}`] = key;
      return `#r${index}`;
    });
    try {
      const result = await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { referralId },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes as Referral;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** A client's cases, newest first, through the by-client index (status, closedAt, contactPerson). */
  async casesOfClient(clientKey: string): Promise<Pick<Referral, 'referralId' | 'status' | 'createdAt' | 'closedAt' | 'contactPerson'>[]> {
    const result = await this.#client.send(
      new QueryCommand({
        TableName: this.#tableName,
        IndexName: 'by-client',
        KeyConditionExpression: 'clientKey = :clientKey',
        ExpressionAttributeValues: { ':clientKey': clientKey },
        ScanIndexForward: false,
      }),
    );
    return (result.Items ?? []) as Pick<Referral, 'referralId' | 'status' | 'createdAt' | 'closedAt' | 'contactPerson'>[];
  }

  /**
   * One page of an index, newest first: the referrals of an organisation (`by-organisation`) or
   * of a contact person (`by-contact-person`), with what the index projects, optionally only
   * those in `statuses`.
   */
  async page(
    index: 'by-organisation' | 'by-contact-person',
    key: string,
    options: { limit: number; cursor?: Record<string, unknown>; statuses?: readonly ReferralStatus[] },
  ): Promise<{ items: Referral[]; cursor?: Record<string, unknown> }> {
    const partitionKey = index === 'by-organisation' ? 'referrerOrganisationId' : 'contactPersonId';
    const statusValues = Object.fromEntries((options.statuses ?? []).map((status, i) => [`:s${i}`, status]));
    const items: Referral[] = [];
    let startKey = options.cursor;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: index,
          KeyConditionExpression: '#key = :key',
          ExpressionAttributeNames: { '#key': partitionKey, ...(options.statuses ? { '#status': 'status' } : {}) },
          ExpressionAttributeValues: { ':key': key, ...statusValues },
          ...(options.statuses ? { FilterExpression: `#status IN (${Object.keys(statusValues).join(', ')})` } : {}),
          ScanIndexForward: false,
          Limit: options.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as Referral[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < options.limit);
    return { items, ...(startKey ? { cursor: startKey } : {}) };
  }

  /** Referrals in `status` whose status is older than `changedBefore` (ISO time). */
  async *stale(status: ReferralStatus, changedBefore: string): AsyncGenerator<StaleReferral> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: 'by-status',
          KeyConditionExpression: '#status = :status AND statusChangedAt < :before',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':before': changedBefore },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield toStale(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** Marks a referral as stalled, once; false when it already was (or moved on). */
  async markStalled(referralId: string, status: ReferralStatus, now: string): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { referralId },
          UpdateExpression: 'SET stalledAt = :now',
          ConditionExpression: '#status = :status AND attribute_not_exists(stalledAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Every referral in one of `statuses`, read from the table itself rather than the by-status
   * index: a full scan, for recovery only (see the sweeper's `queues-lost` mode).
   */
  async *inStatuses(statuses: ReferralStatus[]): AsyncGenerator<StaleReferral> {
    let startKey: Record<string, unknown> | undefined;
    const values = Object.fromEntries(statuses.map((status, index) => [`:s${index}`, status]));
    do {
      const page = await this.#client.send(
        new ScanCommand({
          TableName: this.#tableName,
          FilterExpression: `#status IN (${Object.keys(values).join(', ')})`,
          ProjectionExpression: 'referralId, #status, statusChangedAt, sweeps, lastSweptAt, stalledAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield toStale(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Records that the sweeper re-enqueues this referral, unless it moved on or was swept recently.
   * Returns false when the sweep should not happen.
   */
  async markSwept(
    referralId: string,
    status: ReferralStatus,
    now: string,
    sweptBefore: string,
    countAsRetry: boolean,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { referralId },
          UpdateExpression: countAsRetry
            ? 'SET lastSweptAt = :now, sweeps = if_not_exists(sweeps, :zero) + :one'
            : 'SET lastSweptAt = :now',
          ConditionExpression: '#status = :status AND (attribute_not_exists(lastSweptAt) OR lastSweptAt < :before)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':now': now,
            ':before': sweptBefore,
            ...(countAsRetry ? { ':zero': 0, ':one': 1 } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
