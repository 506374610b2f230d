import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dutchMidnight } from '../domain/dutch-calendar.ts';
import type { CountedReferral, DayAggregate } from '../domain/statistics.ts';
import { OPEN_CASE } from '../domain/time-limits.ts';
import type { DayItem, OpenCases, StatisticsDays, ChangedReferrals } from '../pipeline/statistics.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

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
 * referrals, and the generations that say whether it is up to date) and the two bounded reads of
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
      const { aggregate, ...rest } = item as Record<string, unknown>;
      items.push({ ...(rest as unknown as DayItem), ...(typeof aggregate === 'string' ? { gemeenten: JSON.parse(aggregate) as DayItem['gemeenten'] } : {}) });
    }
    return items;
  }

  async referralsOfDay(regionId: string, day: string): Promise<CountedReferral[]> {
    // The day's bounds in Amsterdam, as instants; createdAt is an ISO instant in UTC.
    const start = dutchMidnight(day);
    const end = dutchMidnight(new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10));
    const items: CountedReferral[] = [];
    for await (const item of pages(this.#client, {
      TableName: this.#referralsTable,
      IndexName: 'by-region',
      KeyConditionExpression: 'regionId = :regionId AND createdAt BETWEEN :start AND :end',
      ExpressionAttributeValues: { ':regionId': regionId, ':start': start.toISOString(), ':end': new Date(end.getTime() - 1).toISOString() },
      ProjectionExpression: 'referralId, createdAt, stats',
    })) {
      if (item.stats) items.push(item as unknown as CountedReferral);
    }
    return items;
  }

  async store(regionId: string, aggregate: DayAggregate, generation: number, computedAt: string): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#daysTable,
          Key: { regionId, day: aggregate.day },
          // One string, not nested maps: a year is some 400 items, read whole at every request, and
          // a string costs a fraction of the marshalling of hundreds of histogram bins each.
          UpdateExpression: 'SET #aggregate = :aggregate, computedGeneration = :generation, computedAt = :at',
          // A change marked since the day was read leaves it dirty: the next request counts it again.
          ConditionExpression: generation === 0 ? 'attribute_not_exists(generation)' : 'generation = :generation',
          // AGGREGATE is one of DynamoDB's reserved words.
          ExpressionAttributeNames: { '#aggregate': 'aggregate' },
          ExpressionAttributeValues: { ':aggregate': JSON.stringify(aggregate.gemeenten), ':generation': generation, ':at': computedAt },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
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
