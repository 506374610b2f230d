import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { REGIONS } from '#shared/regions/index.ts';
import {
  consumedQueue,
  deadLetterQueueId,
  functionEnvironment,
  functions,
  physicalName,
  queues,
  tables,
  type FunctionId,
  type QueueId,
  type TableId,
} from '#shared/topology.ts';
import { OverbrugFunction } from './overbrug-function.ts';

export interface OverbrugStackProps extends StackProps {
  stage: string;
  projectRoot: string;
  /** Where people open a referral (the web app); e-mails link there when it is set. */
  publicBaseUrl?: string;
}

/**
 * The AWS side of the shared topology. Every table, queue, function and event source comes from
 * shared/topology.ts, the same declaration the local runtime starts from.
 */
export class OverbrugStack extends Stack {
  readonly tables = {} as Record<TableId, TableV2>;
  readonly queues = {} as Record<QueueId, Queue>;
  readonly functions = {} as Record<FunctionId, OverbrugFunction>;

  constructor(scope: Construct, id: string, props: OverbrugStackProps) {
    super(scope, id, props);
    const { stage } = props;

    for (const [tableId, spec] of Object.entries(tables) as [TableId, (typeof tables)[TableId]][]) {
      this.tables[tableId] = new TableV2(this, `${tableId}-table`, {
        tableName: physicalName(stage, tableId),
        partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
        ...(spec.sortKey ? { sortKey: { name: spec.sortKey, type: AttributeType.STRING } } : {}),
        billing: Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(spec.timeToLiveAttribute ? { timeToLiveAttribute: spec.timeToLiveAttribute } : {}),
        globalSecondaryIndexes: Object.entries(spec.indexes).map(([indexName, index]) => ({
          indexName,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          ...(index.sortKey ? { sortKey: { name: index.sortKey, type: AttributeType.STRING } } : {}),
          ...(index.projection === 'all'
            ? { projectionType: ProjectionType.ALL }
            : index.projection.include.length
              ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: index.projection.include }
              : { projectionType: ProjectionType.KEYS_ONLY }),
        })),
        // Client data outlives a stack that is torn down by mistake.
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }

    for (const [queueId, spec] of Object.entries(queues) as [QueueId, (typeof queues)[QueueId]][]) {
      const deadLetterQueue = new Queue(this, `${deadLetterQueueId(queueId)}-queue`, {
        queueName: physicalName(stage, deadLetterQueueId(queueId)),
        retentionPeriod: Duration.days(spec.deadLetterRetentionDays),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      this.queues[queueId] = new Queue(this, `${queueId}-queue`, {
        queueName: physicalName(stage, queueId),
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(spec.retentionDays),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
    }

    const api = new HttpApi(this, 'http-api', { apiName: physicalName(stage, 'api') });
    const senderIdentities = [...new Set(REGIONS.map(({ region }) => region.mailFrom.split('@')[1]!))];

    for (const [functionId, spec] of Object.entries(functions) as [FunctionId, (typeof functions)[FunctionId]][]) {
      const fn = new OverbrugFunction(this, `${functionId}-fn`, {
        spec,
        functionName: physicalName(stage, functionId),
        projectRoot: props.projectRoot,
        environment: functionEnvironment(functionId, stage, {
          tableName: (table) => this.tables[table].tableName,
          queueUrl: (queue) => this.queues[queue].queueUrl,
          publicBaseUrl: props.publicBaseUrl,
        }),
      });
      this.functions[functionId] = fn;

      for (const [table, access] of Object.entries(spec.tables) as [TableId, string][]) {
        if (access === 'read') this.tables[table].grantReadData(fn);
        else if (access === 'write') this.tables[table].grantWriteData(fn);
        else this.tables[table].grantReadWriteData(fn);
      }
      for (const queue of spec.sendsTo) this.queues[queue].grantSendMessages(fn);
      if (spec.sendsEmail) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: senderIdentities.map((domain) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: domain })),
          }),
        );
      }

      const consumes = consumedQueue(functionId);
      if (consumes) {
        const queueSpec = queues[consumes];
        fn.addEventSource(
          new SqsEventSource(this.queues[consumes], {
            batchSize: queueSpec.batchSize,
            maxBatchingWindow: queueSpec.maxBatchingWindowSeconds ? Duration.seconds(queueSpec.maxBatchingWindowSeconds) : undefined,
            maxConcurrency: queueSpec.maxConcurrency,
            reportBatchItemFailures: true,
          }),
        );
      }
      if (spec.http) {
        api.addRoutes({
          path: spec.http.path,
          methods: [HttpMethod[spec.http.method]],
          integration: new HttpLambdaIntegration(`${functionId}-integration`, fn),
        });
      }
      if (spec.schedule) {
        new Rule(this, `${functionId}-schedule`, {
          ruleName: physicalName(stage, functionId),
          schedule: Schedule.rate(Duration.minutes(spec.schedule.rateMinutes)),
          targets: [new LambdaFunction(fn)],
        });
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint, description: 'Base URL of the Overbrug API' });
  }
}
