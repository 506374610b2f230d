import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  deadLetterQueueId,
  physicalName,
  queues,
  tables,
  type QueueId,
  type TableId,
} from '#shared/topology.ts';

export interface ProvisionedQueue {
  url: string;
  arn: string;
  deadLetterUrl: string;
}

const DAY = 24 * 60 * 60;

/**
 * Creates what the topology declares and is missing: tables (kept between restarts) and queues
 * (in memory, so created on every start). Local only: on AWS the CDK stack does this.
 */
export async function provisionTables(dynamodb: DynamoDBClient, stage: string): Promise<Record<TableId, string>> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    page.TableNames?.forEach((name) => existing.add(name));
    start = page.LastEvaluatedTableName;
  } while (start);

  const names = {} as Record<TableId, string>;
  for (const [id, spec] of Object.entries(tables) as [TableId, (typeof tables)[TableId]][]) {
    const name = physicalName(stage, id);
    names[id] = name;
    if (existing.has(name)) {
      await checkIndexes(dynamodb, name, spec);
      continue;
    }
    const keyAttributes = new Set([spec.partitionKey, spec.sortKey, ...Object.values(spec.indexes).flatMap((index) => [index.partitionKey, index.sortKey])]);
    const indexes: GlobalSecondaryIndex[] = Object.entries(spec.indexes).map(([indexName, index]) => ({
      IndexName: indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
      ],
      Projection:
        index.projection === 'all'
          ? { ProjectionType: 'ALL' }
          : index.projection.include.length
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.include }
            : { ProjectionType: 'KEYS_ONLY' },
    }));
    await dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyAttributes]
          .filter((attribute): attribute is string => attribute !== undefined)
          .map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: spec.partitionKey, KeyType: 'HASH' },
          ...(spec.sortKey ? [{ AttributeName: spec.sortKey, KeyType: 'RANGE' as const }] : []),
        ],
        ...(indexes.length ? { GlobalSecondaryIndexes: indexes } : {}),
      }),
    );
    // dynalite has no UpdateTimeToLive, so expired idempotency records are not deleted locally;
    // Powertools treats an expired record as absent anyway.
  }
  return names;
}

export class OutdatedDataError extends Error {
  constructor(table: string, what: string) {
    super(`The table ${table} in the data directory was made by an earlier version of Overbrug (${what}). Start over with: npm start -- --fresh`);
    this.name = 'OutdatedDataError';
  }
}

/** A table kept from an earlier run must have the indexes this version queries; else say so plainly. */
async function checkIndexes(dynamodb: DynamoDBClient, name: string, spec: (typeof tables)[TableId]): Promise<void> {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
  const present = new Map((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  for (const [indexName, index] of Object.entries(spec.indexes)) {
    const found = present.get(indexName);
    if (!found) throw new OutdatedDataError(name, `it has no index ${indexName}`);
    const keys = found.KeySchema?.map((key) => key.AttributeName).join(',');
    if (keys !== [index.partitionKey, index.sortKey].filter(Boolean).join(',')) throw new OutdatedDataError(name, `index ${indexName} has other keys`);
    const projected = new Set(found.Projection?.NonKeyAttributes ?? []);
    if (index.projection !== 'all' && index.projection.include.some((attribute) => !projected.has(attribute))) {
      throw new OutdatedDataError(name, `index ${indexName} lacks attributes`);
    }
  }
}

/** `timeScale` below 1 shortens visibility timeouts, for tests that wait for redelivery. */
export async function provisionQueues(sqs: SQSClient, stage: string, timeScale: number): Promise<Record<QueueId, ProvisionedQueue>> {
  const result = {} as Record<QueueId, ProvisionedQueue>;
  for (const [id, spec] of Object.entries(queues) as [QueueId, (typeof queues)[QueueId]][]) {
    const deadLetter = await sqs.send(
      new CreateQueueCommand({
        QueueName: physicalName(stage, deadLetterQueueId(id)),
        Attributes: { MessageRetentionPeriod: String(spec.deadLetterRetentionDays * DAY) },
      }),
    );
    const deadLetterArn = await arnOf(sqs, deadLetter.QueueUrl!);
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: physicalName(stage, id),
        Attributes: {
          VisibilityTimeout: String(Math.max(1, Math.ceil(spec.visibilityTimeoutSeconds * timeScale))),
          MessageRetentionPeriod: String(spec.retentionDays * DAY),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: spec.maxReceiveCount }),
        },
      }),
    );
    result[id] = { url: queue.QueueUrl!, arn: await arnOf(sqs, queue.QueueUrl!), deadLetterUrl: deadLetter.QueueUrl! };
  }
  return result;
}

async function arnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return attributes.Attributes!.QueueArn!;
}
