import { CfnOutput, Duration, Fn, Lazy, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { BackupPlan, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import {
  AccountRecovery,
  CfnUserPoolClient,
  CfnUserPoolGroup,
  ClientAttributes,
  StringAttribute,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons, ConfigurationSetTlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { isPublic, ROLES, splitRoute } from '#shared/access/policy.ts';
import { REGIONS } from '#shared/regions/index.ts';
import { DEMO_SYSTEM_CLIENTS, type SystemClient } from '#shared/regions/demo-systems.ts';
import { SYSTEM_SCOPES } from '#shared/http/auth.ts';
import {
  consumedQueue,
  deadLetterQueueId,
  functionEnvironment,
  functions,
  physicalName,
  queues,
  STREAM_BATCH_SIZE,
  STREAM_RETRY_ATTEMPTS,
  tables,
  type FunctionId,
  type QueueId,
  type TableId,
} from '#shared/topology.ts';
import { ApiCors } from './api-cors.ts';
import { Observability } from './observability.ts';
import { OverbrugFunction } from './overbrug-function.ts';
import { WebApp, type WebAppCustomDomain } from './web-app.ts';

export interface OverbrugStackProps extends StackProps {
  stage: string;
  projectRoot: string;
  /** The built web app (index.html, app.js, ...), served from S3 through CloudFront. */
  webAppDir: string;
  /** A domain of our own for the web app; without it, the distribution's `*.cloudfront.net` name. */
  webAppDomain?: WebAppCustomDomain;
  /** The Cognito domain prefix of the sign-in pages: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  authDomainPrefix: string;
  /** Where e-mails link to (the web app); defaults to the web app's origin. */
  publicBaseUrl?: string;
  /** The verified SES domain the regions' mail comes from; defaults to their mailFrom domain. */
  senderDomain?: string;
  /** Where alarms go, besides the SNS topic; optional. */
  alarmEmail?: string;
  /**
   * A second app client that signs in with a password (USER_PASSWORD_AUTH), for `npm run
   * test:remote` against a test stage; off unless asked for.
   */
  smokeTestClient?: boolean;
  /**
   * The practice systems that refer through FHIR with client credentials, each bound to one
   * organisation (an app client each, its secret kept by Cognito); the demo region's by default.
   */
  systemClients?: readonly (Omit<SystemClient, 'clientId'> & { key?: string })[];
}

/**
 * The AWS side of the shared topology, secure by default for health data. Every table, queue,
 * function and event source comes from shared/topology.ts, the declaration the local runtime
 * starts from too. Around them: one customer-managed KMS key for everything that holds client
 * data, Cognito sign-in with a group per role, an API that checks tokens and throttles, the web app
 * on S3 and CloudFront, SES with a configuration set, EventBridge Scheduler, backups, alarms and a
 * dashboard.
 */
/**
 * What a signed-in user may change about themselves: nothing that scopes what they see (their
 * organisation, contact person, region: the access policy trusts these) or names them in a case's
 * timeline. A beheerder sets those with admin rights.
 */
const signedInUsersMayWrite = { writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }) };

export class OverbrugStack extends Stack {
  readonly dataKey: Key;
  readonly smokeTestClient: UserPoolClient | undefined;
  /** The practice systems' app clients (client credentials), by their key. */
  readonly systemClients: Record<string, UserPoolClient> = {};
  readonly tables = {} as Record<TableId, TableV2>;
  readonly queues = {} as Record<QueueId, Queue>;
  readonly deadLetterQueues = {} as Record<QueueId, Queue>;
  readonly functions = {} as Record<FunctionId, OverbrugFunction>;
  readonly api: HttpApi;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly signInDomain: UserPoolDomain;
  readonly webApp: WebApp;
  readonly scheduleRoles: Role[] = [];
  /** The on-failure destinations of the stream event sources. */
  readonly streamDeadLetterQueues: Queue[] = [];

  constructor(scope: Construct, id: string, props: OverbrugStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const name = (resource: string) => physicalName(stage, resource);

    // One key for all client data at rest: tables, queues, logs, backups, alarm messages.
    this.dataKey = new Key(this, 'data-key', {
      alias: `alias/${name('data')}`,
      description: `Overbrug ${stage}: client data at rest`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${this.region}:${this.account}:log-group:*` } },
      }),
    );
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsToTheEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    for (const [tableId, spec] of Object.entries(tables) as [TableId, (typeof tables)[TableId]][]) {
      this.tables[tableId] = new TableV2(this, `${tableId}-table`, {
        tableName: name(tableId),
        partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
        ...(spec.sortKey ? { sortKey: { name: spec.sortKey, type: AttributeType.STRING } } : {}),
        billing: Billing.onDemand(),
        encryption: TableEncryptionV2.customerManagedKey(this.dataKey),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        ...(spec.timeToLiveAttribute ? { timeToLiveAttribute: spec.timeToLiveAttribute } : {}),
        ...(spec.stream ? { dynamoStream: StreamViewType[spec.stream] } : {}),
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
    const vault = new BackupVault(this, 'backup-vault', {
      backupVaultName: name('backups'),
      encryptionKey: this.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    BackupPlan.daily35DayRetention(this, 'backup-plan', vault).addSelection('tables', {
      resources: Object.values(this.tables).map((table) => BackupResource.fromDynamoDbTable(table)),
    });

    for (const [queueId, spec] of Object.entries(queues) as [QueueId, (typeof queues)[QueueId]][]) {
      const encryption = { encryption: QueueEncryption.KMS, encryptionMasterKey: this.dataKey, enforceSSL: true };
      this.deadLetterQueues[queueId] = new Queue(this, `${deadLetterQueueId(queueId)}-queue`, {
        queueName: name(deadLetterQueueId(queueId)),
        retentionPeriod: Duration.days(spec.deadLetterRetentionDays),
        ...encryption,
      });
      this.queues[queueId] = new Queue(this, `${queueId}-queue`, {
        queueName: name(queueId),
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(spec.retentionDays),
        deadLetterQueue: { queue: this.deadLetterQueues[queueId], maxReceiveCount: spec.maxReceiveCount },
        ...encryption,
      });
    }

    // Sign-in: staff accounts made by a beheerder (no self sign-up), MFA required, a group per role.
    this.userPool = new UserPool(this, 'users', {
      userPoolName: name('users'),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The invitation a beheerder's POST /users makes Cognito send (AdminCreateUser): plain Dutch.
      userInvitation: {
        emailSubject: 'Uitnodiging voor Overbrug',
        emailBody:
          'Hallo,<br><br>De beheerder van uw regio heeft een account voor u gemaakt in Overbrug.<br>Uw inlognaam: {username}<br>Uw tijdelijke wachtwoord: {####}<br><br>Log in via de website van Overbrug. U kiest dan een eigen wachtwoord en stelt een tweede stap in (een code-app op uw telefoon).<br><br>Had u deze uitnodiging niet verwacht? Dan hoeft u niets te doen.',
      },
      // Who a user is beyond their group; the access policy scopes what they see by these.
      customAttributes: {
        organisation_id: new StringAttribute({ minLen: 1, maxLen: 100, mutable: true }),
        organisation_name: new StringAttribute({ minLen: 1, maxLen: 200, mutable: true }),
        referrer_kind: new StringAttribute({ minLen: 1, maxLen: 20, mutable: true }),
        contact_person_id: new StringAttribute({ minLen: 1, maxLen: 100, mutable: true }),
        region_id: new StringAttribute({ minLen: 1, maxLen: 100, mutable: true }),
      },
      // Threat protection: blocks compromised credentials and risky sign-ins to health data.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    }
    // The sign-in pages (Cognito's hosted UI, with MFA) on a Cognito domain.
    this.signInDomain = this.userPool.addDomain('sign-in', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    // The web app's origin exists once its distribution does, which comes after the API (its
    // Content-Security-Policy names the API), whose authorizer needs this client: resolved at synthesis.
    const webAppOrigin = Lazy.string({ produce: () => this.webApp.origin });
    this.userPoolClient = this.userPool.addClient('web-app', {
      userPoolClientName: name('web-app'),
      // The web app: authorization code with PKCE through the hosted UI, a public client without a secret.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${webAppOrigin}/`],
        logoutUrls: [`${webAppOrigin}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      ...signedInUsersMayWrite,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    // Sign-in only through the hosted UI: no password, SRP or custom flow (Cognito's default when
    // none is named would allow SRP and custom), only the refresh of a hosted-UI session.
    (this.userPoolClient.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    // `npm run test:remote` signs a test user in with a password (test/support/target.ts): a client
    // of its own, on a test stage only, so the web app's client offers no password flow.
    this.smokeTestClient = props.smokeTestClient
      ? this.userPool.addClient('smoke-test', {
          userPoolClientName: name('smoke-test'),
          generateSecret: false,
          disableOAuth: true,
          authFlows: { userPassword: true },
          ...signedInUsersMayWrite,
          preventUserExistenceErrors: true,
          accessTokenValidity: Duration.hours(1),
          idTokenValidity: Duration.hours(1),
        })
      : undefined;
    // Practice systems (the FHIR interface): OAuth 2.0 client credentials against a resource server
    // with a read and a write scope; an app client with a secret per system, bound to its organisation.
    const resourceServer = this.userPool.addResourceServer('fhir-api', {
      identifier: SYSTEM_SCOPES.read.split('/')[0]!,
      userPoolResourceServerName: name('fhir-api'),
      scopes: Object.values(SYSTEM_SCOPES).map((scope) => new ResourceServerScope({ scopeName: scope.split('/')[1]!, scopeDescription: `FHIR interface: ${scope.endsWith('.read') ? 'read' : 'submit and change'} the organisation's referrals` })),
    });
    const systems = props.systemClients ?? DEMO_SYSTEM_CLIENTS.map(({ clientId, organisationId, name: systemName }) => ({ key: clientId, organisationId, name: systemName }));
    const systemBindings: { clientId: string; organisationId: string; name: string }[] = [];
    for (const [index, system] of systems.entries()) {
      const key = system.key ?? `system-${index + 1}`;
      const client = this.userPool.addClient(`system-${key}`, {
        userPoolClientName: name(`system-${key}`),
        generateSecret: true,
        oAuth: {
          flows: { clientCredentials: true },
          scopes: Object.values(SYSTEM_SCOPES).map((scope) => OAuthScope.resourceServer(resourceServer, new ResourceServerScope({ scopeName: scope.split('/')[1]!, scopeDescription: scope }))),
        },
        supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        preventUserExistenceErrors: true,
        accessTokenValidity: Duration.hours(1),
      });
      // Client credentials only: no user sign-in flow at all.
      (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
      this.systemClients[key] = client;
      systemBindings.push({ clientId: client.userPoolClientId, organisationId: system.organisationId, name: system.name });
    }
    // API Gateway's JWT authorizer takes a token whose aud (ID tokens) or client_id (access tokens) is one of these.
    const apiClients = [this.userPoolClient, ...(this.smokeTestClient ? [this.smokeTestClient] : []), ...Object.values(this.systemClients)];
    const personClients = [this.userPoolClient, ...(this.smokeTestClient ? [this.smokeTestClient] : [])];

    const accessLogs = new LogGroup(this, 'api-access-logs', {
      logGroupName: `/overbrug/${stage}/api-access`,
      retention: RetentionDays.ONE_YEAR,
      encryptionKey: this.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'http-api', {
      apiName: name('api'),
      createDefaultStage: false,
      defaultAuthorizer: new HttpUserPoolAuthorizer('cognito', this.userPool, { userPoolClients: apiClients }),
      // CORS: the web app's origin only, set by ApiCors below once that origin exists.
    });
    new HttpStage(this, 'http-stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      // Who called which route, how it went: request ids and the caller's pseudonymous id, no bodies.
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            caller: '$context.authorizer.claims.sub',
            sourceIp: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;
    const signInOrigin = this.signInDomain.baseUrl();
    this.webApp = new WebApp(this, 'web-app', {
      stage,
      appDir: props.webAppDir,
      config: {
        apiBaseUrl: this.api.apiEndpoint,
        auth: {
          issuer,
          authorizationEndpoint: `${signInOrigin}/oauth2/authorize`,
          tokenEndpoint: `${signInOrigin}/oauth2/token`,
          logoutEndpoint: `${signInOrigin}/logout`,
          clientId: this.userPoolClient.userPoolClientId,
        },
        environment: 'aws',
        stage,
      },
      signInOrigin,
      customDomain: props.webAppDomain,
      logKey: this.dataKey,
    });
    new ApiCors(this, 'api-cors', { api: this.api, allowOrigin: this.webApp.origin, logKey: this.dataKey });
    const publicBaseUrl = props.publicBaseUrl ?? this.webApp.origin;

    const mailDomain = props.senderDomain ?? REGIONS[0]!.region.mailFrom.split('@')[1]!;
    const configurationSet = new ConfigurationSet(this, 'mail', {
      configurationSetName: name('mail'),
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    const sender = new EmailIdentity(this, 'sender', { identity: Identity.domain(mailDomain), configurationSet });

    for (const [functionId, spec] of Object.entries(functions) as [FunctionId, (typeof functions)[FunctionId]][]) {
      const fn = new OverbrugFunction(this, `${functionId}-fn`, {
        spec,
        functionName: name(functionId),
        projectRoot: props.projectRoot,
        logKey: this.dataKey,
        logRetention: RetentionDays.SIX_MONTHS,
        environment: {
          ...functionEnvironment(functionId, stage, {
            tableName: (table) => this.tables[table].tableName,
            queueUrl: (queue) => this.queues[queue].queueUrl,
            publicBaseUrl,
            publicApiUrl: this.api.apiEndpoint,
            auth: {
              issuer,
              audience: Fn.join(',', personClients.map((client) => client.userPoolClientId)),
              ...(systemBindings.length ? { systemClients: this.toJsonString(systemBindings) } : {}),
            },
            userPoolId: this.userPool.userPoolId,
          }),
          ...(spec.sendsEmail ? { SES_CONFIGURATION_SET: configurationSet.configurationSetName } : {}),
        },
      });
      this.functions[functionId] = fn;

      for (const [table, access] of Object.entries(spec.tables) as [TableId, string][]) {
        if (access === 'read') this.tables[table].grantReadData(fn);
        else if (access === 'write') this.tables[table].grantWriteData(fn);
        else if (access.startsWith('query:')) {
          // These indexes and nothing else: a function that may only see what they project.
          fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['dynamodb:Query'],
              resources: access
                .slice('query:'.length)
                .split(',')
                .map((index) => `${this.tables[table].tableArn}/index/${index}`),
            }),
          );
          this.dataKey.grantDecrypt(fn);
        } else if (access === 'get-item') {
          // One item by its key: the API's check whether the caller's account is still active.
          this.tables[table].grant(fn, 'dynamodb:GetItem');
          this.dataKey.grantDecrypt(fn);
        } else if (access === 'append') {
          // New entries only: no UpdateItem, no DeleteItem, so nobody can change what is written.
          this.tables[table].grant(fn, 'dynamodb:PutItem');
          this.dataKey.grantEncryptDecrypt(fn);
        } else if (access.startsWith('append+query:')) {
          // Both, and nothing more: new entries, and queries on that one index.
          this.tables[table].grant(fn, 'dynamodb:PutItem');
          fn.addToRolePolicy(
            new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${this.tables[table].tableArn}/index/${access.slice('append+query:'.length)}`] }),
          );
          this.dataKey.grantEncryptDecrypt(fn);
        } else this.tables[table].grantReadWriteData(fn);
      }
      for (const queue of spec.sendsTo) this.queues[queue].grantSendMessages(fn);
      if (spec.userDirectory) {
        // The beheerder's user accounts: these admin actions on this user pool, for this one function only.
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:ListUsers'],
            resources: [this.userPool.userPoolArn],
          }),
        );
      }
      if (spec.sendsEmail) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: [
              this.formatArn({ service: 'ses', resource: 'identity', resourceName: sender.emailIdentityName }),
              this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
            ],
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
      if (spec.consumesStreamOf) {
        // Retried record by record (bisect, partial failures); what still fails goes to a dead-letter queue.
        const streamFailures = new Queue(this, `${functionId}-stream-dlq`, {
          queueName: name(`${functionId}-stream-dlq`),
          retentionPeriod: Duration.days(14),
          encryption: QueueEncryption.KMS,
          encryptionMasterKey: this.dataKey,
          enforceSSL: true,
        });
        this.streamDeadLetterQueues.push(streamFailures);
        fn.addEventSource(
          new DynamoEventSource(this.tables[spec.consumesStreamOf], {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: STREAM_BATCH_SIZE,
            bisectBatchOnError: true,
            retryAttempts: STREAM_RETRY_ATTEMPTS,
            reportBatchItemFailures: true,
            onFailure: new SqsDlq(streamFailures),
          }),
        );
        this.dataKey.grantDecrypt(fn);
      }
      if (spec.routes?.length) {
        const integration = new HttpLambdaIntegration(`${functionId}-integration`, fn);
        for (const route of spec.routes) {
          const { method, path } = splitRoute(route);
          this.api.addRoutes({
            path,
            methods: [HttpMethod[method]],
            integration,
            ...(isPublic(route) ? { authorizer: new HttpNoneAuthorizer() } : {}),
          });
        }
      }
      if (spec.schedule) {
        const role = new Role(this, `${functionId}-schedule-role`, {
          assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
          description: `EventBridge Scheduler invokes ${name(functionId)}`,
        });
        this.scheduleRoles.push(role);
        new Schedule(this, `${functionId}-schedule`, {
          scheduleName: name(functionId),
          schedule: ScheduleExpression.rate(Duration.minutes(spec.schedule.rateMinutes)),
          // The shape of an EventBridge scheduled event, which the handler (and the local timer) use.
          target: new LambdaInvoke(fn, {
            role,
            // The scheduled time is the run's clock (shared/schedule/clock.ts), as the local timer's is.
            input: ScheduleTargetInput.fromObject({
              'detail-type': 'Scheduled Event',
              source: 'overbrug.scheduler',
              time: ContextAttribute.scheduledTime,
              detail: {},
            }),
            retryAttempts: 2,
          }),
          key: this.dataKey,
        });
      }
    }

    new Observability(this, 'observability', {
      stage,
      key: this.dataKey,
      api: this.api,
      queues: this.queues,
      deadLetterQueues: this.deadLetterQueues,
      functions: this.functions,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'WebAppUrl', { value: `${this.webApp.origin}/`, description: 'The Overbrug web app' });
    new CfnOutput(this, 'WebAppDistributionDomain', {
      value: this.webApp.distributionDomainName,
      description: "The web app's CloudFront domain: where a custom domain's DNS record (CNAME or alias) points",
    });
    new CfnOutput(this, 'SignInUrl', { value: signInOrigin, description: 'The Cognito domain of the sign-in pages' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the Overbrug API' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    for (const [key, client] of Object.entries(this.systemClients)) {
      new CfnOutput(this, `SystemClientId-${key}`, {
        value: client.userPoolClientId,
        description: `Practice system ${key}: client credentials at <SignInUrl>/oauth2/token; the secret: aws cognito-idp describe-user-pool-client`,
      });
    }
    if (this.smokeTestClient) new CfnOutput(this, 'SmokeTestClientId', { value: this.smokeTestClient.userPoolClientId, description: 'For npm run test:remote' });
  }
}
