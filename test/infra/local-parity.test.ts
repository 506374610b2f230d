import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, removeTestApps } from '../support/cdk-app.ts';
import { deadLetterQueueId, physicalName, queues, tables, type QueueId, type TableId } from '#shared/topology.ts';
import { startEmulators, type Emulators } from '#local/emulators.ts';
import { provisionQueues, provisionTables, type ProvisionedQueue } from '#local/provision.ts';

// What the local runtime creates and what the CDK stack deploys come from one topology; this
// compares the two results directly, resource by resource, so neither can drift from the other.

const STAGE = 'parity';
let emulators: Emulators;
let dynamodb: DynamoDBClient;
let sqs: SQSClient;
let local: { tables: Record<TableId, string>; queues: Record<QueueId, ProvisionedQueue> };
let template: Template;

beforeAll(async () => {
  emulators = await startEmulators({});
  const config = { region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } };
  dynamodb = new DynamoDBClient({ ...config, endpoint: emulators.dynamodb });
  sqs = new SQSClient({ ...config, endpoint: emulators.sqs });
  local = { tables: await provisionTables(dynamodb, STAGE), queues: await provisionQueues(sqs, STAGE, 1) };
  const { stack } = buildTestApp({ stage: STAGE });
  template = Template.fromStack(stack);
});
afterAll(async () => {
  removeTestApps();
  await emulators?.close();
});

const deployed = (type: string, props: Record<string, unknown>) => {
  const [resource] = Object.values(template.findResources(type, { Properties: props }));
  expect(resource, `${type} ${JSON.stringify(props)}`).toBeDefined();
  return resource!.Properties as Record<string, any>;
};

describe('the local runtime and the CDK stack build the same resources', () => {
  it.each(Object.keys(tables) as TableId[])('table %s: keys and indexes', async (id) => {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: local.tables[id] }));
    const cloud = deployed('AWS::DynamoDB::GlobalTable', { TableName: physicalName(STAGE, id) });
    expect(Table?.KeySchema).toEqual(cloud.KeySchema);
    const localIndexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection,
    }));
    const cloudIndexes = (cloud.GlobalSecondaryIndexes ?? []).map((index: Record<string, unknown>) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection,
    }));
    expect(localIndexes).toEqual(cloudIndexes);
  });

  it.each(Object.keys(queues) as QueueId[])('queue %s: visibility timeout and redrive to its DLQ', async (id) => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: local.queues[id].url, AttributeNames: ['All'] }));
    const cloud = deployed('AWS::SQS::Queue', { QueueName: physicalName(STAGE, id) });
    expect(Number(Attributes?.VisibilityTimeout)).toBe(cloud.VisibilityTimeout);
    const redrive = JSON.parse(Attributes?.RedrivePolicy ?? '{}') as { maxReceiveCount: number; deadLetterTargetArn: string };
    expect(Number(redrive.maxReceiveCount)).toBe(cloud.RedrivePolicy.maxReceiveCount);
    expect(redrive.deadLetterTargetArn).toMatch(new RegExp(`${physicalName(STAGE, deadLetterQueueId(id))}$`));
  });
});
