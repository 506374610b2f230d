import type { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NagSuppressions, type NagPackSuppression } from 'cdk-nag';
import { isPublic, splitRoute, type RouteKey } from '#shared/access/policy.ts';
import { consumedQueue, functions, type FunctionId } from '#shared/topology.ts';
import type { OverbrugStack } from './overbrug-stack.ts';

// Findings of cdk-nag's AWS Solutions and HIPAA Security packs that we reviewed and accept, each
// with the reason a reviewer can check. Anything not listed here fails `npm test`.

const why = {
  vpc:
    'No resource of Overbrug lives in a VPC: the functions reach DynamoDB, SQS and SES over their regional endpoints with IAM and TLS, and client data at rest is encrypted with our KMS key. A VPC would add NAT or endpoint costs and cold-start latency without reducing what is exposed.',
  concurrency:
    "Concurrency is bounded where it matters: each SQS event source has a maximum concurrency (shared/topology.ts) and the API stage throttles (50 requests/s, burst 100). Reserving concurrency takes it from the account's pool, which is 10 on a new account, and would make a first deploy fail.",
  runtime:
    'Node.js 22 is what the local runtime runs (the node devDependency), so the laptop runs the code Lambda runs; supported by Lambda until 2027. Upgrade both together.',
  inlinePolicy:
    "These are the least-privilege statements CDK's grant methods write for this one role (its own tables, queues, key and log group); a managed policy would be shared and broader.",
  kmsWildcards:
    "kms:GenerateDataKey* and kms:ReEncrypt* are what CDK's grants on our KMS-encrypted queues and tables need, scoped to our one key.",
  indexWildcard: "Queries on this table's own indexes: the index ARNs of one table, written by CDK's grantReadData.",
} as const;

/** Why a function needs no dead-letter queue for asynchronous invocations: how it is invoked. */
function asyncDlq(id: FunctionId): string {
  const spec = functions[id];
  const queue = consumedQueue(id);
  if (queue) return `Invoked by an SQS event source: failed messages go to the ${queue} queue's own dead-letter queue.`;
  if (spec.routes?.length) return 'Invoked synchronously by API Gateway: the caller gets the error; there is no asynchronous invocation to dead-letter.';
  return 'Invoked on a schedule: a failed run is repeated by the next one, which picks up everything still due; the referral table stays the source of truth, so a dead-lettered schedule event would hold nothing to act on.';
}

function suppress(construct: IConstruct, findings: NagPackSuppression[], children = false): void {
  NagSuppressions.addResourceSuppressions(construct, findings, children);
}

export function suppressReviewedFindings(stack: OverbrugStack): void {
  for (const id of Object.keys(functions) as FunctionId[]) {
    const fn = stack.functions[id];
    suppress(fn, [
      { id: 'HIPAA.Security-LambdaInsideVPC', reason: why.vpc },
      { id: 'HIPAA.Security-LambdaConcurrency', reason: why.concurrency },
      { id: 'AwsSolutions-L1', reason: why.runtime },
      { id: 'HIPAA.Security-LambdaDLQ', reason: asyncDlq(id) },
    ]);
    suppress(
      fn.role!,
      [
        { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: why.inlinePolicy },
        {
          id: 'AwsSolutions-IAM5',
          reason: `${why.kmsWildcards} ${why.indexWildcard}`,
          appliesTo: [
            'Action::kms:GenerateDataKey*',
            'Action::kms:ReEncrypt*',
            { regex: '/^Resource::<[A-Za-z0-9]+table[A-Za-z0-9]+\\.Arn>\\/index\\/\\*$/g' },
          ],
        },
      ],
      true,
    );
  }
  for (const role of stack.scheduleRoles) {
    suppress(
      role,
      [
        { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: why.inlinePolicy },
        {
          id: 'AwsSolutions-IAM5',
          reason: "lambda:InvokeFunction on the scheduled function and its versions (ARN:*), as CDK's Scheduler target grants it; nothing else.",
          appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+fn[A-Za-z0-9]+\\.Arn>:\\*$/g' }],
        },
      ],
      true,
    );
  }
  suppressByPath(stack);
}

/** Why a public route of the access policy needs no authorizer. A new public route needs its reason here. */
const publicRoutes: Partial<Record<RouteKey, string>> = {
  'GET /health': 'GET /health tells only that the API answers; load balancers and monitors call it without a token.',
  'GET /services':
    'The HSDS read API: the sociale kaart is open to professionals, clients and other directories by design. It serves only what partners publish (no client data; open places as a number, never who holds them).',
  'GET /services/{serviceId}': 'The HSDS read API of one published service, open by design like GET /services; no client data, no reservations.',
};

function suppressByPath(stack: Stack): void {
  const at = (path: string, findings: NagPackSuppression[]) =>
    NagSuppressions.addResourceSuppressionsByPath(stack, `/${stack.stackName}/${path}`, findings, true);
  for (const route of Object.values(functions).flatMap((spec) => spec.routes ?? []).filter(isPublic)) {
    const reason = publicRoutes[route];
    if (!reason) throw new Error(`Public route ${route} has no reviewed reason in infra/nag-suppressions.ts`);
    const { method, path } = splitRoute(route);
    at(`http-api/${method}--${path.slice(1).replaceAll('/', '--')}`, [{ id: 'AwsSolutions-APIG4', reason }]);
  }
  at('backup-plan', [
    {
      id: 'AwsSolutions-IAM4',
      reason: "AWSBackupServiceRolePolicyForBackup is AWS Backup's own documented role policy for running backup jobs.",
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup'],
    },
  ]);
}
