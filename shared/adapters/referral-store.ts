import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CASE_NUMBER, type CaseSearch } from '../domain/case-number.ts';
import { dutchMidnight } from '../domain/dutch-calendar.ts';
import type { NoticeKind } from '../domain/lifecycle.ts';
import type { ClientCase, IndexedReferral, OpenReferral, ReferralRecords, RegionalReferral, StaleReferral, Transition } from '../pipeline/ports.ts';
import type { Referral } from '../domain/referral.ts';
import { applyChange, storedReferral } from '../domain/referral-change.ts';
import type { Pseudonymisation } from '../domain/retention.ts';
import { CLOSED_STATUSES, type ReferralStatus } from '../domain/vocabulary.ts';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } = libDynamodb();

export type { IndexedReferral, RegionalReferral, StaleReferral, Transition } from '../pipeline/ports.ts';

function toStale(indexed: object): StaleReferral {
  const item = indexed as Record<string, unknown>;
  return {
    referralId: item.referralId as string,
    status: item.status as ReferralStatus,
    statusChangedAt: item.statusChangedAt as string,
    sweeps: (item.sweeps as number | undefined) ?? 0,
    lastSweptAt: item.lastSweptAt as string | undefined,
    stalledAt: item.stalledAt as string | undefined,
  };
}

/** An item as the domain sees it: the owed notices are a DynamoDB string set, the domain's a list. */
function fromItem(item: Record<string, unknown>): Referral {
  const pending = item.pendingNotices;
  return { ...(item as unknown as Referral), ...(pending instanceof Set ? { pendingNotices: [...pending] as NoticeKind[] } : {}) };
}

/** Items a search reads per request of the index before filtering. */
const SEARCH_READ_AHEAD = 200;

/** The referrals table. Every status change is a conditional write on the previous status. */
export class ReferralStore implements ReferralRecords {
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
          Item: storedReferral(referral),
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
    return result.Item ? fromItem(result.Item) : undefined;
  }

  /** The referral if it exists and is not closed or withdrawn: who made it and who has it (the duplicate guard's pointer). */
  async openReferral(referralId: string): Promise<OpenReferral | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { referralId },
        ProjectionExpression: '#status, referrerOrganisationId, contactPerson, caseNumber, regionId',
        ExpressionAttributeNames: { '#status': 'status' },
        ConsistentRead: true,
      }),
    );
    const status = Item?.status as ReferralStatus | undefined;
    if (status === undefined || CLOSED_STATUSES.includes(status)) return undefined;
    const { referrerOrganisationId, contactPerson, caseNumber, regionId } = Item as Pick<Referral, 'referrerOrganisationId' | 'contactPerson' | 'caseNumber' | 'regionId'>;
    return {
      referralId,
      ...(caseNumber ? { caseNumber } : {}),
      ...(referrerOrganisationId ? { referrerOrganisationId } : {}),
      ...(regionId ? { regionId } : {}),
      contactPersonName: contactPerson?.name ?? null,
    };
  }

  /**
   * Writes a change to the referral as it was read (`current`) if it still has status `from` and
   * meets the transition's other guards; returns the updated referral, or undefined when another
   * writer moved it on first (the caller re-reads and decides again). What changes, the attributes
   * the indexes need included, is the domain's (`applyChange`); this writes it.
   */
  async transition(current: Referral, transition: Transition): Promise<Referral | undefined> {
    const { referralId } = current;
    const from = transition.from ?? current.status;
    const { set, remove } = applyChange(current, from, transition, new Date());
    const names: Record<string, string> = { '#status': 'status', '#timeline': 'timeline' };
    const values: Record<string, unknown> = { ':from': from, ':timeline': transition.timeline };
    const sets = ['#timeline = list_append(#timeline, :timeline)'];
    const others: string[] = [];
    // The version counts the changes people make (they act on what they saw); the pipeline's own
    // writes are guarded by the status instead and leave it alone.
    if (transition.expectVersion !== undefined) {
      Object.assign(names, { '#version': 'version' });
      Object.assign(values, { ':zero': 0, ':one': 1 });
      sets.push('#version = if_not_exists(#version, :zero) + :one');
    }
    if (transition.appendNotifications?.length) {
      Object.assign(names, { '#notifications': 'notifications' });
      Object.assign(values, { ':sent': transition.appendNotifications, ':none': [] });
      sets.push('#notifications = list_append(if_not_exists(#notifications, :none), :sent)');
    }
    if (transition.addNotices?.length) {
      Object.assign(names, { '#pending': 'pendingNotices' });
      values[':addNotices'] = new Set(transition.addNotices);
      others.push('ADD #pending :addNotices');
    } else if (transition.clearNotices?.length) {
      Object.assign(names, { '#pending': 'pendingNotices' });
      values[':clearNotices'] = new Set(transition.clearNotices);
      others.push('DELETE #pending :clearNotices');
    }
    let condition = '#status = :from';
    // Only the run that still finds them owed clears notices (and records what it sent for them).
    (transition.addNotices?.length ? [] : (transition.clearNotices ?? [])).forEach((kind, index) => {
      values[`:owed${index}`] = kind;
      condition += ` AND contains(#pending, :owed${index})`;
    });
    if (transition.unlessSet) {
      names['#unlessSet'] = transition.unlessSet;
      condition += ' AND attribute_not_exists(#unlessSet)';
    }
    if (transition.whileUnassigned) {
      names['#contactPerson'] = 'contactPerson';
      values[':nullType'] = 'NULL';
      condition += ' AND (attribute_not_exists(#contactPerson) OR attribute_type(#contactPerson, :nullType))';
    }
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
      sets.push('#status = :to');
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
          UpdateExpression: [`SET ${sets.join(', ')}`, ...(removes.length ? [`REMOVE ${removes.join(', ')}`] : []), ...others].join(' '),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(result.Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Every referral of a region as the by-region index projects it: the counted facts (`stats`),
   * status, bridging partner and contact person, never client details. What statistics read.
   */
  async ofRegion(regionId: string): Promise<RegionalReferral[]> {
    const items: RegionalReferral[] = [];
    for await (const item of this.#query({ IndexName: 'by-region', KeyConditionExpression: 'regionId = :regionId', ExpressionAttributeValues: { ':regionId': regionId } })) {
      items.push(item as RegionalReferral);
    }
    return items;
  }

  /** The referrals whose bridging partner is this service, newest first (whole records). */
  async ofBridgingPartner(serviceId: string): Promise<Referral[]> {
    const ids: string[] = [];
    for await (const item of this.#query({
      IndexName: 'by-bridging-partner',
      KeyConditionExpression: 'bridgingServiceId = :serviceId',
      ExpressionAttributeValues: { ':serviceId': serviceId },
      ScanIndexForward: false,
    })) {
      ids.push(item.referralId as string);
    }
    return this.getMany(ids);
  }

  /** Several referrals by id, in that order (those that exist). */
  async getMany(referralIds: string[]): Promise<Referral[]> {
    const found = new Map<string, Referral>();
    for (let index = 0; index < referralIds.length; index += 100) {
      let keys: Record<string, unknown>[] = referralIds.slice(index, index + 100).map((referralId) => ({ referralId }));
      while (keys.length) {
        const result = await this.#client.send(new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of result.Responses?.[this.#tableName] ?? []) found.set(item.referralId as string, fromItem(item));
        keys = result.UnprocessedKeys?.[this.#tableName]?.Keys ?? [];
      }
    }
    return referralIds.flatMap((id) => found.get(id) ?? []);
  }

  /** A client's cases, newest first, through the by-client index (status, closedAt, contactPerson). */
  async casesOfClient(clientKey: string): Promise<ClientCase[]> {
    const cases: ClientCase[] = [];
    for await (const item of this.#query({
      IndexName: 'by-client',
      KeyConditionExpression: 'clientKey = :clientKey',
      ExpressionAttributeValues: { ':clientKey': clientKey },
      ScanIndexForward: false,
    })) {
      cases.push(item as (typeof cases)[number]);
    }
    return cases;
  }

  /**
   * The referrals of the region with this case number. The number names the Dutch year the
   * referral was made in, so only that year of the by-region index is read (its ids and numbers).
   */
  async referralIdsOfCaseNumber(regionId: string, caseNumber: string): Promise<string[]> {
    const year = CASE_NUMBER.exec(caseNumber)?.[2];
    if (!year) return [];
    const ids: string[] = [];
    for await (const item of this.#query({
      IndexName: 'by-region',
      KeyConditionExpression: 'regionId = :regionId AND createdAt BETWEEN :since AND :until',
      FilterExpression: 'caseNumber = :caseNumber',
      ProjectionExpression: 'referralId',
      ExpressionAttributeValues: {
        ':regionId': regionId,
        ':since': dutchMidnight(`${year}-01-01`).toISOString(),
        ':until': dutchMidnight(`${Number(year) + 1}-01-01`).toISOString(),
        ':caseNumber': caseNumber,
      },
    })) {
      ids.push(item.referralId as string);
    }
    return ids;
  }

  /**
   * One page of an index, newest first: the referrals of an organisation (`by-organisation`) or
   * of a contact person (`by-contact-person`), with what the index projects, optionally only
   * those in `statuses` and those a search finds (a case number, its last digits, the start of a
   * client reference).
   */
  async page(
    index: 'by-organisation' | 'by-contact-person',
    key: string,
    options: { limit: number; cursor?: Record<string, unknown>; statuses?: readonly ReferralStatus[]; search?: CaseSearch },
  ): Promise<{ items: Referral[]; cursor?: Record<string, unknown> }> {
    const partitionKey = index === 'by-organisation' ? 'referrerOrganisationId' : 'contactPersonId';
    const statusValues = Object.fromEntries((options.statuses ?? []).map((status, i) => [`:s${i}`, status]));
    const names: Record<string, string> = { '#key': partitionKey, ...(options.statuses ? { '#status': 'status' } : {}) };
    const values: Record<string, unknown> = { ':key': key, ...statusValues };
    const filters = options.statuses ? [`#status IN (${Object.keys(statusValues).join(', ')})`] : [];
    const { search } = options;
    if (search) {
      Object.assign(names, { '#client': 'client', '#ref': 'ref' });
      values[':refPrefix'] = search.clientRefPrefix;
      const found = ['begins_with(#client.#ref, :refPrefix)'];
      if (search.caseNumber) {
        values[':caseNumber'] = search.caseNumber;
        found.push('caseNumber = :caseNumber');
      }
      if (search.caseSequence !== undefined) {
        values[':caseSequence'] = search.caseSequence;
        found.push('caseSequence = :caseSequence');
      }
      filters.push(`(${found.join(' OR ')})`);
    }
    const items: Referral[] = [];
    let startKey = options.cursor;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: index,
          KeyConditionExpression: '#key = :key',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ScanIndexForward: false,
          // A search passes over many items for a few: read a good stretch at once, and cut below.
          Limit: search ? SEARCH_READ_AHEAD : options.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < options.limit);
    if (items.length > options.limit) {
      // The next page starts after the last item shown: its key in the index is the cursor.
      items.length = options.limit;
      const last = items.at(-1)! as unknown as Record<string, unknown>;
      const sortKey = index === 'by-organisation' ? 'createdAt' : 'statusChangedAt';
      startKey = { referralId: last.referralId, [partitionKey]: key, [sortKey]: last[sortKey] };
    }
    return { items, ...(startKey ? { cursor: startKey } : {}) };
  }

  /**
   * Referrals in `status` as the by-status index projects them (dates, counted facts, fired time
   * limits, owed notices), optionally only those whose status is older than `changedBefore`.
   */
  async *inStatus(status: ReferralStatus, changedBefore?: string): AsyncGenerator<IndexedReferral> {
    for await (const item of this.#query({
      IndexName: 'by-status',
      KeyConditionExpression: changedBefore ? '#status = :status AND statusChangedAt < :before' : '#status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ...(changedBefore ? { ':before': changedBefore } : {}) },
    })) {
      yield fromItem(item) as IndexedReferral;
    }
  }

  /** Every item a query finds, page after page. */
  async *#query(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): AsyncGenerator<Record<string, unknown>> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#client.send(new QueryCommand({ ...input, TableName: this.#tableName, ExclusiveStartKey: startKey }));
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Pseudonymises a closed referral once (retention): the kept attributes stay as they are, the
   * rest goes. Not through `transition`, whose derived attributes need the client details.
   */
  async pseudonymise(referralId: string, status: ReferralStatus, change: Pseudonymisation): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status', '#pseudonymisedAt': 'pseudonymisedAt' };
    const values: Record<string, unknown> = { ':status': status };
    const sets = Object.entries(change.set).map(([key, value], index) => {
      names[`#s${index}`] = key;
      values[`:s${index}`] = value;
      return `#s${index} = :s${index}`;
    });
    const removes = change.remove.map((key, index) => {
      names[`#r${index}`] = key;
      return `#r${index}`;
    });
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { referralId },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#status = :status AND attribute_not_exists(#pseudonymisedAt)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Deletes a referral whose retention ended (what DynamoDB TTL does, sometimes days late). */
  async deleteExpired(referralId: string, nowSeconds: number): Promise<boolean> {
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#tableName,
          Key: { referralId },
          ConditionExpression: 'expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Referrals in `status` whose status is older than `changedBefore` (ISO time). */
  async *stale(status: ReferralStatus, changedBefore: string): AsyncGenerator<StaleReferral> {
    for await (const item of this.inStatus(status, changedBefore)) yield toStale(item);
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
