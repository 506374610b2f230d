import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dutchMidnight } from '../domain/dutch-calendar.ts';
import { DAY_STATS_FIELDS, type CountedReferral, type DayAggregate, type DayReferral } from '../domain/statistics.ts';
import { OPEN_CASE } from '../domain/time-limits.ts';
import type { DayItem, MonthItem, OpenCases, StatisticsDays, ChangedReferrals } from '../pipeline/statistics.ts';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { GetCommand, QueryCommand, UpdateCommand } = libDynamodb();

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A month's item sits beside its days under the same key, `month#2026-11`: after every day (a
 * digit sorts before `m`), so a query for days never meets one.
 */
const MONTH = 'month#';

/** An item with its aggregate and open counts as the table keeps them: JSON strings. */
function parsed(item: Record<string, unknown>) {
  const { aggregate, open, ...rest } = item;
  return {
    ...rest,
    ...(typeof aggregate === 'string' ? { gemeenten: JSON.parse(aggregate) as DayItem['gemeenten'] } : {}),
    ...(typeof open === 'string' ? { open: JSON.parse(open) as DayItem['open'] } : {}),
  };
}

async function* pages(client: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * The statistics-days table (one item per region and Dutch day: the aggregate of that day's
 * referrals, and the generations that say whether it is up to date; one per region and month, the
 * same for its days merged) and the two bounded reads of
 * the referrals table the statistics need: one day of the by-region index, and the open cases
 * through the by-status index.
 */
export class StatisticsStore implements StatisticsDays, OpenCases, ChangedReferrals {
  readonly #client: DynamoDBDocumentClient;
  readonly #daysTable: string;
  readonly #referralsTable: string;

  constructor(client: DynamoDBDocumentClient, tables: { days: string; referrals: string }) {
    this.#client = client;
    this.#daysTable = tables.days;
    this.#referralsTable = tables.referrals;
  }

  async period(regionId: string, from: string, to: string): Promise<DayItem[]> {
    const items: DayItem[] = [];
    for await (const item of pages(this.#client, {
      TableName: this.#daysTable,
      KeyConditionExpression: 'regionId = :regionId AND #day BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: { ':regionId': regionId, ':from': from, ':to': to },
    })) {
      items.push(parsed(item) as unknown as DayItem);
    }
    return items;
  }

  async months(regionId: string, from: string, to: string): Promise<MonthItem[]> {
    const key = { regionId, month: 'regionId = :regionId AND begins_with(#day, :month)' };
    const state = 'generation, computedGeneration, markedAt';
    // Every month's state and open counts; the counts of the period's months only (a month's are the biggest part).
    const [all, counted] = await Promise.all([
      this.#collect({
        TableName: this.#daysTable,
        KeyConditionExpression: key.month,
        ExpressionAttributeNames: { '#day': 'day', '#open': 'open' },
        ExpressionAttributeValues: { ':regionId': regionId, ':month': MONTH },
        ProjectionExpression: `#day, ${state}, #open`,
      }),
      from <= to
        ? this.#collect({
            TableName: this.#daysTable,
            KeyConditionExpression: 'regionId = :regionId AND #day BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#day': 'day', '#aggregate': 'aggregate' },
            ExpressionAttributeValues: { ':regionId': regionId, ':from': `${MONTH}${from}`, ':to': `${MONTH}${to}` },
            ProjectionExpression: '#day, computedGeneration, #aggregate',
          })
        : [],
    ]);
    const countsOf = new Map(counted.map((item) => [item.day as string, item]));
    return all.map((item) => {
      const withCounts = countsOf.get(item.day as string);
      const { day, ...rest } = parsed({
        ...item,
        // Counts written by a later computation than the state read beside them are not these.
        ...(withCounts && withCounts.computedGeneration === item.computedGeneration ? { aggregate: withCounts.aggregate } : {}),
      }) as Record<string, unknown>;
      return { ...(rest as Omit<MonthItem, 'regionId' | 'month'>), regionId, month: (day as string).slice(MONTH.length) };
    });
  }

  async firstDay(regionId: string): Promise<string | undefined> {
    const { Items } = await this.#client.send(
      new QueryCommand({
        TableName: this.#daysTable,
        KeyConditionExpression: 'regionId = :regionId AND #day < :month',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':regionId': regionId, ':month': MONTH },
        ProjectionExpression: '#day',
        Limit: 1,
      }),
    );
    return Items?.[0]?.day as string | undefined;
  }

  async #collect(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const item of pages(this.#client, input)) items.push(item);
    return items;
  }

  async referralsOfDay(regionId: string, day: string): Promise<DayReferral[]> {
    // The day's bounds in Amsterdam, as instants; createdAt is an ISO instant in UTC.
    const start = dutchMidnight(day);
    const end = dutchMidnight(new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10));
    const items: DayReferral[] = [];
    for await (const item of pages(this.#client, {
      TableName: this.#referralsTable,
      IndexName: 'by-region',
      KeyConditionExpression: 'regionId = :regionId AND createdAt BETWEEN :start AND :end',
      ExpressionAttributeNames: { '#status': 'status', '#stats': 'stats', ...Object.fromEntries(DAY_STATS_FIELDS.map((field) => [`#${field}`, field])) },
      ExpressionAttributeValues: { ':regionId': regionId, ':start': start.toISOString(), ':end': new Date(end.getTime() - 1).toISOString() },
      // The counted facts the aggregate reads, and the status and bridging partner for what the
      // day's open cases add to the "now" figures: a busy day's referrals are read at every request.
      ProjectionExpression: ['createdAt', '#status', 'bridgingServiceId', ...DAY_STATS_FIELDS.map((field) => `#stats.#${field}`)].join(', '),
    })) {
      if (item.stats) items.push(item as unknown as DayReferral);
    }
    return items;
  }

  store(regionId: string, aggregate: DayAggregate, generation: number, computedAt: string): Promise<boolean> {
    return this.#store(regionId, aggregate.day, aggregate, generation, computedAt);
  }

  storeMonth(regionId: string, month: string, aggregate: DayAggregate, generation: number, computedAt: string): Promise<boolean> {
    return this.#store(regionId, `${MONTH}${month}`, aggregate, generation, computedAt);
  }

  async #store(regionId: string, day: string, aggregate: DayAggregate, generation: number, computedAt: string): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#daysTable,
          Key: { regionId, day },
          // Strings, not nested maps: a string costs a fraction of the marshalling of hundreds of
          // histogram bins each.
          UpdateExpression: 'SET #aggregate = :aggregate, #open = :open, computedGeneration = :generation, computedAt = :at',
          // A change marked since the day was read leaves it dirty: the next request counts it again.
          ConditionExpression: generation === 0 ? 'attribute_not_exists(generation)' : 'generation = :generation',
          // AGGREGATE and OPEN are DynamoDB reserved words.
          ExpressionAttributeNames: { '#aggregate': 'aggregate', '#open': 'open' },
          ExpressionAttributeValues: { ':aggregate': JSON.stringify(aggregate.gemeenten), ':open': JSON.stringify(aggregate.open), ':generation': generation, ':at': computedAt },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  markMonthChanged(regionId: string, month: string, at: string): Promise<void> {
    return this.markChanged(regionId, `${MONTH}${month}`, at);
  }

  async markChanged(regionId: string, day: string, at: string): Promise<void> {
    // ADD is harmless when a redelivered record repeats it: the day is dirty either way.
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#daysTable,
        Key: { regionId, day },
        UpdateExpression: 'ADD generation :one SET markedAt = :at',
        ExpressionAttributeValues: { ':one': 1, ':at': at },
      }),
    );
  }

  async openCases(regionId: string): Promise<CountedReferral[]> {
    // Bounded by the open cases of all regions (one query per open status), never by history.
    const found = await Promise.all(
      OPEN_CASE.map(async (status) => {
        const items: CountedReferral[] = [];
        for await (const item of pages(this.#client, {
          TableName: this.#referralsTable,
          IndexName: 'by-status',
          KeyConditionExpression: '#status = :status',
          FilterExpression: 'regionId = :regionId',
          ExpressionAttributeNames: { '#status': 'status', '#route': 'route', '#name': 'name' },
          ExpressionAttributeValues: { ':status': status, ':regionId': regionId },
          // What the "now" figures and the treeknorm list use, no more: thousands of open cases in a busy region.
          ProjectionExpression:
            'referralId, caseNumber, #status, createdAt, stats.gemeente, stats.waitingSince, stats.ggzHelped, stats.#route, bridgingServiceId, contactPerson.#name, beyondTreeknormAt',
        })) {
          if (item.stats) items.push(item as unknown as CountedReferral);
        }
        return items;
      }),
    );
    return found.flat();
  }

  async regionAndCreatedAt(referralId: string): Promise<{ regionId: string; createdAt: string } | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#referralsTable, Key: { referralId }, ProjectionExpression: 'regionId, createdAt' }),
    );
    return Item?.regionId && Item.createdAt ? { regionId: Item.regionId as string, createdAt: Item.createdAt as string } : undefined;
  }
}
