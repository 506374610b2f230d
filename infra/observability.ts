import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, physicalName, SERVICE_NAME, type FunctionId, type QueueId } from '#shared/topology.ts';

export interface ObservabilityProps {
  stage: string;
  key: IKey;
  api: HttpApi;
  queues: Record<QueueId, Queue>;
  deadLetterQueues: Record<QueueId, Queue>;
  functions: Record<FunctionId, IFunction>;
  alarmEmail?: string;
}

/** A queue's oldest message older than this means the pipeline is stuck, not just busy. */
const OLDEST_MESSAGE_ALARM = Duration.minutes(10);

/**
 * Alarms on what needs a person (a message in a DLQ, function errors or throttles, API 5xx, a
 * queue that stops moving) to one SNS topic, and a dashboard of the pipeline's flow with the
 * Powertools metrics the functions publish.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new Topic(this, 'alarms', { topicName: physicalName(props.stage, 'alarms'), masterKey: props.key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, alarmId, {
        alarmName: physicalName(props.stage, alarmId),
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
    };

    for (const [queueId, dlq] of Object.entries(props.deadLetterQueues) as [QueueId, Queue][]) {
      alarm(`${queueId}-dlq-not-empty`, dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }), 1,
        `A message is in the ${queueId} dead-letter queue: see the logs for "moves to the dead-letter queue", fix the cause, then npm run redrive -- ${queueId} --stage ${props.stage}`);
    }
    for (const [queueId, queue] of Object.entries(props.queues) as [QueueId, Queue][]) {
      alarm(`${queueId}-oldest-message`, queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
        OLDEST_MESSAGE_ALARM.toSeconds(), `The ${queueId} queue has not moved for ${OLDEST_MESSAGE_ALARM.toMinutes()} minutes`);
    }
    for (const [functionId, fn] of Object.entries(props.functions) as [FunctionId, IFunction][]) {
      alarm(`${functionId}-errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 1, `${functionId} failed (function errors, not record failures)`);
      alarm(`${functionId}-throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), 1, `${functionId} was throttled`);
    }
    alarm('api-5xx', props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), 1, 'The API answered 5xx');

    const app = (metricName: string, fn: FunctionId, label = metricName) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: `${SERVICE_NAME}-${fn}` },
        statistic: 'Sum',
        period: Duration.minutes(5),
        label,
      });
    const flow = (queueId: QueueId) => [
      props.queues[queueId].metricApproximateNumberOfMessagesVisible({ label: `${queueId} waiting` }),
      props.deadLetterQueues[queueId].metricApproximateNumberOfMessagesVisible({ label: `${queueId} dead letters` }),
    ];
    const dashboard = new Dashboard(this, 'dashboard', { dashboardName: physicalName(props.stage, 'pipeline') });
    dashboard.addWidgets(
      new TextWidget({
        width: 24,
        height: 2,
        markdown: `# Overbrug ${props.stage}: referral pipeline\nPOST /referrals → triage → match → notify. Counts every 5 minutes; the metrics are the functions' own (Powertools, namespace ${METRICS_NAMESPACE}).`,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Referrals through the pipeline',
        width: 12,
        left: [
          app('ReferralsReceived', 'submit-referral', 'received'),
          app('ReferralsMatched', 'match', 'matched'),
          app('ReferralsNotified', 'notify', 'notified'),
          app('CrisisHandOffs', 'triage', 'crisis handed off'),
          app('ReferralsFlaggedForRegion', 'notify', 'flagged for the region'),
        ],
      }),
      new GraphWidget({
        title: 'What needs attention',
        width: 12,
        left: [
          app('ReferralsRefused', 'submit-referral', 'refused (4xx)'),
          app('RecordsFailed', 'triage', 'triage records failed'),
          app('RecordsFailed', 'match', 'match records failed'),
          app('RecordsFailed', 'notify', 'notify records failed'),
          app('BridgingUnavailable', 'match', 'no bridging partner'),
          app('NoContactPersonAvailable', 'match', 'no contact person'),
          app('ReferralsRequeued', 'sweeper', 're-enqueued by the sweeper'),
          app('ReferralsStalled', 'sweeper', 'stalled'),
        ],
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Queues', width: 12, left: [...flow('triage'), ...flow('match'), ...flow('notify')] }),
      new GraphWidget({
        title: 'Functions: errors and p95 duration',
        width: 12,
        left: Object.entries(props.functions).map(([fnId, fn]) => fn.metricErrors({ label: `${fnId} errors`, period: Duration.minutes(5) })),
        right: Object.entries(props.functions).map(([fnId, fn]) => fn.metricDuration({ label: `${fnId} p95`, statistic: 'p95', period: Duration.minutes(5) })),
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'API',
        width: 24,
        left: [props.api.metricCount({ label: 'requests' }), props.api.metricClientError({ label: '4xx' }), props.api.metricServerError({ label: '5xx' })],
        right: [props.api.metricLatency({ label: 'latency p95', statistic: 'p95' })],
      }),
    );
  }
}
