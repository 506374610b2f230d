import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, Logging, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface ApiCorsProps {
  api: HttpApi;
  /** The one origin whose pages may call the API: the web app's. */
  allowOrigin: string;
  logKey: IKey;
}

/** What the web app sends: its bearer token, JSON bodies and the Idempotency-Key of POST /referrals. */
export const API_CORS = {
  AllowMethods: ['GET', 'POST', 'PUT'],
  AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  MaxAge: Duration.hours(1).toSeconds(),
};

/**
 * The API's CORS configuration, set once the web app's distribution exists. It cannot be part of the
 * API resource: the web app's Content-Security-Policy names the API's URL, so the distribution is
 * created after the API, and the distribution's own domain name, the origin CORS must allow, exists
 * only after that. CloudFormation cannot build that cycle in one go; this custom resource closes it
 * with one UpdateApi call, repeated whenever the origin changes.
 */
export class ApiCors extends Construct {
  /** The role of CDK's provider function, which makes the call. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ApiCorsProps) {
    super(scope, id);
    const { api } = props;
    // A role of its own: its log group and this one call, no managed policy.
    const logs = new LogGroup(this, 'logs', { retention: RetentionDays.SIX_MONTHS, encryptionKey: props.logKey });
    this.role = new Role(this, 'role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Sets the API's CORS configuration to the web app's origin",
    });
    logs.grantWrite(this.role);
    const update = {
      service: 'ApiGatewayV2',
      action: 'UpdateApi',
      parameters: { ApiId: api.apiId, CorsConfiguration: { AllowOrigins: [props.allowOrigin], ...API_CORS } },
      physicalResourceId: PhysicalResourceId.of(`${api.apiId}-cors`),
      outputPaths: ['ApiId'],
      logging: Logging.withDataHidden(),
    };
    new AwsCustomResource(this, 'update-api', {
      resourceType: 'Custom::ApiCors',
      onCreate: update,
      onUpdate: update,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['apigateway:PATCH'],
          resources: [Stack.of(this).formatArn({ service: 'apigateway', account: '', resource: '/apis', resourceName: api.apiId })],
        }),
      ]),
      role: this.role,
      logGroup: logs,
    });
  }
}
