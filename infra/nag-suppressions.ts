import type { Stack } from 'aws-cdk-lib';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import type { IConstruct } from 'constructs';
import { NagSuppressions, type NagPackSuppression } from 'cdk-nag';
import { policyOf, splitRoute } from '#shared/access/policy.ts';
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
  if (spec.consumesStreamOf) return `Invoked by the ${spec.consumesStreamOf} table's stream: records that still fail after the retries go to the event source's own dead-letter queue.`;
  if (spec.routes?.length) return 'Invoked synchronously by API Gateway: the caller gets the error; there is no asynchronous invocation to dead-letter.';
  return 'Invoked on a schedule: a failed run is repeated by the next one, which picks up everything still due; the referral table stays the source of truth, so a dead-lettered schedule event would hold nothing to act on.';
}

function suppress(construct: IConstruct, findings: NagPackSuppression[], children = false): void {
  NagSuppressions.addResourceSuppressions(construct, findings, children);
}

export function suppressReviewedFindings(stack: OverbrugStack): void {
  for (const queue of stack.streamDeadLetterQueues) {
    suppress(queue, [{ id: 'AwsSolutions-SQS3', reason: "It is a dead-letter queue: the on-failure destination of a stream's event source mapping, which cdk-nag does not see as one." }]);
  }
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
  suppressWebApp(stack);
}

function suppressByPath(stack: Stack): void {
  const at = (path: string, findings: NagPackSuppression[]) =>
    NagSuppressions.addResourceSuppressionsByPath(stack, `/${stack.stackName}/${path}`, findings, true);
  for (const route of Object.values(functions).flatMap((spec) => spec.routes ?? [])) {
    const policy = policyOf(route);
    if (!('public' in policy)) continue;
    const { method, path } = splitRoute(route);
    at(`http-api/${method}${path.replaceAll('/', '--')}`, [{ id: 'AwsSolutions-APIG4', reason: `${route} needs no sign-in. ${policy.why}` }]);
  }
  at('backup-plan', [
    {
      id: 'AwsSolutions-IAM4',
      reason: "AWSBackupServiceRolePolicyForBackup is AWS Backup's own documented role policy for running backup jobs.",
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup'],
    },
  ]);
}

/**
 * The web app: its buckets, its distribution, and the two functions CDK provides to deploy it (the
 * BucketDeployment's) and to set the API's CORS (AwsCustomResource's). Both functions run only
 * during a deployment, invoked by CloudFormation, and touch no client data.
 */
function suppressWebApp(stack: OverbrugStack): void {
  const { webApp } = stack;
  const providerFunction = [
    {
      id: 'HIPAA.Security-LambdaInsideVPC',
      reason: 'A deployment-time provider function of CDK: it calls S3, CloudFront and API Gateway over their regional endpoints with IAM and TLS, and never sees client data.',
    },
    { id: 'HIPAA.Security-LambdaConcurrency', reason: 'Runs only when CloudFormation deploys the stack, once per changed resource; nothing else can invoke it.' },
    {
      id: 'HIPAA.Security-LambdaDLQ',
      reason: 'Invoked by CloudFormation for a custom resource, which waits for its answer: a failure fails and rolls back the deployment, so there is no lost event to dead-letter.',
    },
  ];
  const bucketDeploymentFunctions = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  for (const fn of bucketDeploymentFunctions) {
    suppress(
      fn,
      [
        ...providerFunction,
        { id: 'AwsSolutions-L1', reason: "The BucketDeployment's Python runtime is chosen by aws-cdk-lib and moves with it; we do not pin our own." },
      ],
      true,
    );
  }
  suppress(stack.node.findChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`), providerFunction, true);

  suppress(
    webApp.deployment.handlerRole,
    [
      { id: 'HIPAA.Security-IAMNoInlinePolicy', reason: why.inlinePolicy },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "The grants CDK's BucketDeployment writes: read (s3:GetObject*, GetBucket*, List*) of the CDK assets bucket the deploy uploads the app's zip to; read and write of the web app's bucket (its objects, /*); and cloudfront:CreateInvalidation/GetInvalidation, which CDK grants on Resource * and which can only empty caches. Only this deployment function assumes the role.",
        appliesTo: [
          'Action::s3:GetObject*',
          'Action::s3:GetBucket*',
          'Action::s3:List*',
          'Action::s3:DeleteObject*',
          'Action::s3:Abort*',
          { regex: '/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-<AWS::AccountId>-[a-z0-9-]+\\/\\*$/g' },
          { regex: '/^Resource::<webappfiles[A-Za-z0-9]+\\.Arn>\\/\\*$/g' },
          'Resource::*',
        ],
      },
    ],
    true,
  );
  suppress(stack.node.findChild('api-cors'), [{ id: 'HIPAA.Security-IAMNoInlinePolicy', reason: `${why.inlinePolicy} Here: apigateway:PATCH on this API only, and its own log group.` }], true);

  const notConfidential =
    "Holds the open-source web app's static files and its public configuration (the API's URL, the sign-in client id): nothing confidential, no client data. SSE-S3 encrypts it at rest; a KMS key would only have to let CloudFront decrypt every request.";
  const logsNotConfidential =
    'Holds who fetched the static files (IP addresses, paths, user agents), no client data. SSE-S3 encrypts it at rest, and the log delivery of S3 and CloudFront needs no grant on a key; the client-data key serves client data only.';
  const noReplication = 'Nothing here is the only copy: the files are rebuilt and redeployed from the repository, and the access logs are expendable after their 90 days anyway.';
  suppress(webApp.bucket, [
    { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: notConfidential },
    { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: noReplication },
  ]);
  suppress(webApp.logBucket, [
    { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: logsNotConfidential },
    { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: noReplication },
  ]);

  suppress(webApp.distribution, [
    {
      id: 'AwsSolutions-CFR1',
      reason:
        "No geo restriction: the distribution serves only the open-source app's static files, and the client data behind the API is guarded by sign-in with MFA and the access policy, not by where a request comes from. Staff who travel (or use a VPN) would be locked out of their work for no protection.",
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF: the distribution serves static, cached files with no input to inspect, and CloudFront includes Shield Standard against floods. A CloudFront web ACL would have to live in us-east-1, a second stack, to protect nothing that is not public anyway. The API, where requests carry data, throttles and checks every token.',
    },
    ...(webApp.usesDefaultCertificate
      ? [
          {
            id: 'AwsSolutions-CFR4',
            reason:
              "The distribution's default *.cloudfront.net certificate, for which CloudFront fixes the TLS policy (TLSv1); it cannot be raised without a certificate of our own. With webAppOrigin and webAppCertificateArn the distribution requires TLS 1.2 (TLSv1.2_2021), and this suppression does not apply.",
          },
        ]
      : []),
  ]);
}
