import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OverbrugStack } from '../../infra/overbrug-stack.ts';
import {
  deadLetterQueueId,
  functions,
  physicalName,
  queues,
  tables,
  tableEnvVar,
  type FunctionId,
  type QueueId,
  type TableId,
} from '#shared/topology.ts';
import { ROOT } from '#local/child-process.ts';

const STAGE = 'test';

function synth(options: { bundle: boolean; outdir?: string }) {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    // Template tests skip bundling (fast); one test below bundles for real.
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new OverbrugStack(app, `overbrug-${STAGE}`, { stage: STAGE, projectRoot: ROOT, env: { region: 'eu-central-1' } });
  return { app, stack, template: Template.fromStack(stack) };
}

let template: Template;
beforeAll(() => {
  template = synth({ bundle: false }).template;
});

const logicalIdOf = (type: string, props: Record<string, unknown>) => {
  const found = Object.keys(template.findResources(type, { Properties: props }));
  expect(found, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return found[0]!;
};

describe('the CDK stack matches the shared topology the local runtime uses', () => {
  it.each(Object.keys(tables) as TableId[])('table %s: keys, indexes and TTL', (id) => {
    const spec = tables[id];
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: physicalName(STAGE, id),
      KeySchema: [
        { AttributeName: spec.partitionKey, KeyType: 'HASH' },
        ...(spec.sortKey ? [{ AttributeName: spec.sortKey, KeyType: 'RANGE' }] : []),
      ],
      GlobalSecondaryIndexes: Object.keys(spec.indexes).length
        ? Object.entries(spec.indexes).map(([indexName, index]) =>
            Match.objectLike({
              IndexName: indexName,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' }] : []),
              ],
              Projection:
                index.projection === 'all'
                  ? { ProjectionType: 'ALL' }
                  : { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.include },
            }),
          )
        : Match.absent(),
      TimeToLiveSpecification: spec.timeToLiveAttribute ? { AttributeName: spec.timeToLiveAttribute, Enabled: true } : Match.absent(),
    });
  });

  it('keeps client data: every table is retained and has point-in-time recovery', () => {
    const all = template.findResources('AWS::DynamoDB::GlobalTable');
    expect(Object.keys(all)).toHaveLength(Object.keys(tables).length);
    for (const resource of Object.values(all)) {
      expect(resource.DeletionPolicy).toBe('Retain');
      expect(resource.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it.each(Object.keys(queues) as QueueId[])('queue %s: DLQ, redrive count, visibility timeout, event source', (id) => {
    const spec = queues[id];
    const dlq = logicalIdOf('AWS::SQS::Queue', { QueueName: physicalName(STAGE, deadLetterQueueId(id)) });
    const queue = logicalIdOf('AWS::SQS::Queue', {
      QueueName: physicalName(STAGE, id),
      VisibilityTimeout: spec.visibilityTimeoutSeconds,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: spec.maxReceiveCount },
    });
    const consumer = logicalIdOf('AWS::Lambda::Function', { FunctionName: physicalName(STAGE, spec.consumer) });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionName: { Ref: consumer },
      BatchSize: spec.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: spec.maxConcurrency },
    });
  });

  it('refuses plain HTTP on every queue', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    expect(Object.keys(policies)).toHaveLength(2 * Object.keys(queues).length);
    for (const policy of Object.values(policies)) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it.each(Object.keys(functions) as FunctionId[])('function %s: Node.js 22 on ARM64, its timeout, memory and environment', (id) => {
    const spec = functions[id];
    const variables: Record<string, unknown> = { STAGE, POWERTOOLS_SERVICE_NAME: `overbrug-${id}` };
    for (const table of Object.keys(spec.tables) as TableId[]) variables[tableEnvVar(table)] = Match.anyValue();
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: physicalName(STAGE, id),
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: spec.timeoutSeconds,
      MemorySize: spec.memoryMb,
      Environment: { Variables: Match.objectLike(variables) },
    });
  });

  it('routes every HTTP function and schedules the sweeper', () => {
    for (const spec of Object.values(functions).filter((candidate) => candidate.http)) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${spec.http!.method} ${spec.http!.path}` });
    }
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${functions.sweeper.schedule!.rateMinutes} minute)`,
    });
  });

  it('grants no IAM action with a wildcard of our own', () => {
    for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]) {
        for (const action of [statement.Action].flat()) expect(action === '*' || action.endsWith(':*'), action).toBe(false);
      }
    }
  });
});

describe('the deployable bundles', () => {
  it('bundle with the local esbuild, as ESM that loads and answers', async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'overbrug-cdk-'));
    const { app, stack } = synth({ bundle: true, outdir });
    app.synth();
    const assets = (await readdir(outdir)).filter((entry) => entry.startsWith('asset.'));
    expect(assets).toHaveLength(Object.keys(functions).length);
    for (const asset of assets) expect((await stat(join(outdir, asset, 'index.mjs'))).size).toBeGreaterThan(0);

    // The health function needs no AWS resources: load its bundle and call it as Lambda would.
    const [health] = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { FunctionName: physicalName(STAGE, 'health') } }),
    );
    const assetDir = join(outdir, `asset.${String(health!.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const module = (await import(pathToFileURL(join(assetDir, 'index.mjs')).href)) as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    const response = await module.handler(
      { requestContext: { requestId: 'bundle-check' } },
      { functionName: 'health', awsRequestId: '1', getRemainingTimeInMillis: () => 1000 },
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok', service: 'overbrug' });
  });
});
