import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverbrugStack } from '../../infra/overbrug-stack.ts';
import { PERMISSIONS_POLICY } from '#web/security-headers.ts';
import { CLIENT_LETTER_STYLE_SOURCE } from '#shared/http/client-letter-page.ts';
import { functions, physicalName, type FunctionId } from '#shared/topology.ts';
import { buildTestApp, removeTestApps, TEST_WEB_APP } from '../support/cdk-app.ts';

// The web app on AWS (S3 + CloudFront), its sign-in (Cognito hosted UI) and the API's CORS, checked
// in the synthesized template. Deploy-time values (the distribution's domain, the API's id) show as
// <logicalId.Attribute> or <logicalId>.

const STAGE = 'test';
const CUSTOM = {
  webAppOrigin: 'https://app.overbrug.example',
  webAppCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
};
// The custom-domain stack also chooses its sign-in prefix and where e-mails link to.
const CHOSEN = { authDomainPrefix: 'ggz-verwijzen-test', publicBaseUrl: 'https://verwijzen.example.org/overbrug' };

interface Synthesized {
  stack: OverbrugStack;
  template: Template;
  outdir: string;
}
const synth = (context: Record<string, string> = {}): Synthesized => {
  const { app, stack } = buildTestApp({ stage: STAGE, ...context });
  return { stack, template: Template.fromStack(stack), outdir: app.outdir };
};

let standard: Synthesized;
let custom: Synthesized;
beforeAll(() => {
  standard = synth();
  custom = synth({ ...CUSTOM, ...CHOSEN });
});
afterAll(removeTestApps);

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };
const resources = (template: Template, type: string) => Object.entries(template.findResources(type)) as [string, Resource][];
const only = (template: Template, type: string): [string, Resource] => {
  const found = resources(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

/** A CloudFormation value as text, with deploy-time values as <logicalId> and <logicalId.Attribute>. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, any>;
  if ('Ref' in intrinsic) return `<${intrinsic.Ref}>`;
  if ('Fn::GetAtt' in intrinsic) return `<${intrinsic['Fn::GetAtt'].join('.')}>`;
  if ('Fn::Join' in intrinsic) return (intrinsic['Fn::Join'][1] as unknown[]).map(render).join(intrinsic['Fn::Join'][0]);
  throw new Error(`Cannot render ${JSON.stringify(value)}`);
}

/** The web app's own app client (beside the practice systems' and, when asked, the smoke test's). */
const webClient = (template: Template): [string, Resource] => {
  const found = resources(template, 'AWS::Cognito::UserPoolClient').filter(([, client]) => String(client.Properties.ClientName).endsWith('-web-app'));
  expect(found).toHaveLength(1);
  return found[0]!;
};

const ids = (template: Template) => ({
  api: only(template, 'AWS::ApiGatewayV2::Api')[0],
  distribution: only(template, 'AWS::CloudFront::Distribution')[0],
  signInDomain: only(template, 'AWS::Cognito::UserPoolDomain')[0],
  userPool: only(template, 'AWS::Cognito::UserPool')[0],
  client: webClient(template)[0],
});
/** The bucket the distribution and the files bucket log to: the one that is no origin. */
const logBucketOf = (template: Template) => {
  const origin = JSON.stringify(template.toJSON().Resources[ids(template).distribution].Properties.DistributionConfig.Origins);
  const [logBucket] = resources(template, 'AWS::S3::Bucket').filter(([id]) => !origin.includes(`"${id}"`));
  return logBucket![0];
};
/** The web app's two deployments: the hashed assets, and the rest (which invalidates the distribution). */
const deploymentsOf = (template: Template) => {
  const deployments = resources(template, 'Custom::CDKBucketDeployment');
  expect(deployments).toHaveLength(2);
  const [pagesId, pages] = deployments.find(([, deployment]) => deployment.Properties.DistributionId)!;
  const [assetsId, assets] = deployments.find(([id]) => id !== pagesId)!;
  return { pages, pagesId, assets, assetsId };
};
const webOrigin = (template: Template) => `https://<${ids(template).distribution}.DomainName>`;
const signInOrigin = (template: Template) => `https://<${ids(template).signInDomain}>.auth.eu-central-1.amazoncognito.com`;

describe('the web app on S3 and CloudFront', () => {
  it('keeps its files in a private, encrypted, versioned bucket that only this distribution can read (origin access control)', () => {
    const { template } = standard;
    const { distribution } = ids(template);
    const [oac, control] = only(template, 'AWS::CloudFront::OriginAccessControl');
    expect(control.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const origins = template.toJSON().Resources[distribution].Properties.DistributionConfig.Origins as Record<string, any>[];
    expect(origins).toHaveLength(1);
    expect(origins[0]!.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac, 'Id'] });
    const filesBucket = (origins[0]!.DomainName as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;

    const bucket = template.toJSON().Resources[filesBucket] as Resource;
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketOf(template) }, LogFilePrefix: 's3/' },
    });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();

    // Read access for CloudFront's service principal on behalf of this one distribution; nothing else is allowed.
    const [, policy] = resources(template, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === filesBucket)!;
    const allows = (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(render(allows[0]!.Condition.StringEquals['AWS:SourceArn'])).toBe(`arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${distribution}>`);
  });

  it('makes nothing public: every bucket blocks public access and refuses plain HTTP, no policy allows anyone', () => {
    const { template } = standard;
    const buckets = resources(template, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      const [, policy] = resources(template, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === id)!;
      const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      for (const statement of statements.filter((s) => s.Effect === 'Allow')) expect(JSON.stringify(statement.Principal)).not.toContain('"*"');
    }
  });

  it('sends the strict Content-Security-Policy and the other security headers with every file, over HTTPS only', () => {
    const { template } = standard;
    const { api, distribution } = ids(template);
    const [headersPolicy, headers] = only(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = headers.Properties.ResponseHeadersPolicyConfig;
    const signIn = signInOrigin(template);
    expect(render(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy)).toBe(
      // One inline stylesheet by its hash: the client letter's, opened in a window of the app's own.
      `default-src 'self'; script-src 'self'; style-src 'self' ${CLIENT_LETTER_STYLE_SOURCE}; img-src 'self' data:; ` +
        `connect-src 'self' <${api}.ApiEndpoint> ${signIn}; form-action 'self' ${signIn}; ` +
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    );
    expect(config.SecurityHeadersConfig).toMatchObject({
      ContentSecurityPolicy: { Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 2 * 365 * 24 * 3600, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
    expect(config.CustomHeadersConfig.Items).toContainEqual({ Header: 'Permissions-Policy', Value: PERMISSIONS_POLICY, Override: true });
    expect(PERMISSIONS_POLICY).toMatch(/(^|, )camera=\(\)/);
    expect(PERMISSIONS_POLICY).toMatch(/(^|, )geolocation=\(\)/);

    const distributionConfig = template.toJSON().Resources[distribution].Properties.DistributionConfig;
    expect(distributionConfig.CacheBehaviors).toBeUndefined();
    expect(distributionConfig.DefaultCacheBehavior).toMatchObject({ ResponseHeadersPolicyId: { Ref: headersPolicy }, ViewerProtocolPolicy: 'redirect-to-https' });
    expect(distributionConfig.DefaultRootObject).toBe('index.html');
    expect(distributionConfig.Logging).toEqual({ Bucket: { 'Fn::GetAtt': [logBucketOf(template), 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
  });

  it('keeps the access logs of the distribution and the bucket for 90 days', () => {
    const { template } = standard;
    const logBucket = template.toJSON().Resources[logBucketOf(template)] as Resource;
    expect(logBucket.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' })]);
  });

  it('lets browsers keep the hashed scripts and styles a year, and ask again for the rest at each load, so a return visit fetches two small files', () => {
    const { template } = standard;
    const { assets, pages, pagesId, assetsId } = deploymentsOf(template);
    // assets/: content-hashed names only (web/build.ts); immutable, and kept for pages loaded before a deployment.
    expect(assets.Properties).toMatchObject({ Include: ['assets/*'], Exclude: ['*'], Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(assets.Properties.DistributionId).toBeUndefined();
    // Everything else (index.html, config.json, the favicon): revalidated by browsers, kept at the edge until invalidated.
    expect(pages.Properties).toMatchObject({ Exclude: ['assets/*'], Prune: true, SystemMetadata: { 'cache-control': 'no-cache, s-maxage=31536000' } });
    expect(pages.Properties.Include).toBeUndefined();
    // Both deploy the same files, each its own part of them.
    expect(pages.Properties.SourceObjectKeys[0]).toEqual(assets.Properties.SourceObjectKeys[0]);
    expect(template.toJSON().Resources[pagesId].DependsOn).toContain(assetsId);
    // The edge keeps what the objects' Cache-Control says (max-age, s-maxage).
    const caching = template.toJSON().Resources[ids(template).distribution].Properties.DistributionConfig.DefaultCacheBehavior.CachePolicyId;
    expect(caching).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6'); // Managed-CachingOptimized: honours the origin's Cache-Control
  });

  it('never serves an old index.html or config.json after a deployment: the new assets first, then the pages, then the edge is invalidated', () => {
    const { template } = standard;
    const { pages } = deploymentsOf(template);
    expect(pages.Properties).toMatchObject({
      DistributionId: { Ref: ids(template).distribution },
      DistributionPaths: ['/*'],
      WaitForDistributionInvalidation: true,
    });
  });

  it("deploys the app's files and a config.json with this stack's API, sign-in and client, not the app's own", async () => {
    const { template, outdir } = standard;
    const { pages: deployment } = deploymentsOf(template);
    const [files, config] = deployment.Properties.SourceObjectKeys as string[];
    const assetDir = (key: string) => join(outdir, `asset.${key.replace(/\.zip$/, '')}`);

    expect((await readdir(assetDir(files!), { recursive: true })).sort()).toEqual(['assets', 'assets/app-7QX2KD4M.js', 'index.html']);
    expect(await readFile(join(assetDir(files!), 'index.html'), 'utf8')).toBe(TEST_WEB_APP['index.html']);

    // config.json holds markers that the deployment replaces with deploy-time values.
    let text = await readFile(join(assetDir(config!), 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(deployment.Properties.SourceMarkers[1] as Record<string, unknown>)) text = text.replaceAll(marker, render(value));
    const { api, userPool, client } = ids(template);
    const signIn = signInOrigin(template);
    expect(JSON.parse(text)).toEqual({
      apiBaseUrl: `<${api}.ApiEndpoint>`,
      auth: {
        issuer: `https://cognito-idp.eu-central-1.amazonaws.com/<${userPool}>`,
        authorizationEndpoint: `${signIn}/oauth2/authorize`,
        tokenEndpoint: `${signIn}/oauth2/token`,
        logoutEndpoint: `${signIn}/logout`,
        clientId: `<${client}>`,
      },
      environment: 'aws',
      stage: STAGE,
    });
    // The same issuer and client the handlers verify tokens against.
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: physicalName(STAGE, 'get-referral'),
      Environment: { Variables: Match.objectLike({ AUTH_AUDIENCE: { Ref: client } }) },
    });
  });

  it('is at the distribution\'s own https origin by default, which e-mails link to; the deploy prints it as WebAppUrl', () => {
    const { template } = standard;
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(render(outputs.WebAppUrl!.Value)).toBe(`${webOrigin(template)}/`);
    const mailers = (Object.keys(functions) as FunctionId[]).filter((id) => functions[id].sendsEmail);
    expect(mailers.length).toBeGreaterThan(0);
    for (const id of mailers) {
      const [, fn] = resources(template, 'AWS::Lambda::Function').find(([, f]) => f.Properties.FunctionName === physicalName(STAGE, id))!;
      expect(render(fn.Properties.Environment.Variables.PUBLIC_BASE_URL), id).toBe(webOrigin(template));
    }
  });
});

describe('the API lets only the web app call it from a browser', () => {
  it('allows exactly the web app origin, with the methods and headers the app sends', () => {
    for (const [{ template }, origin] of [
      [standard, webOrigin(standard.template)],
      [custom, CUSTOM.webAppOrigin],
    ] as const) {
      const [, api] = only(template, 'AWS::ApiGatewayV2::Api');
      expect(api.Properties.CorsConfiguration).toBeUndefined();
      const [, cors] = only(template, 'Custom::ApiCors');
      for (const call of [cors.Properties.Create, cors.Properties.Update]) {
        expect(JSON.parse(render(call))).toMatchObject({
          service: 'ApiGatewayV2',
          action: 'UpdateApi',
          parameters: {
            ApiId: `<${ids(template).api}>`,
            CorsConfiguration: {
              AllowOrigins: [origin],
              AllowMethods: ['GET', 'POST', 'PUT'],
              AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              MaxAge: 3600,
            },
          },
        });
      }
    }
  });

  it('sets CORS with a role that may change this API only', () => {
    const { template } = standard;
    const [, policy] = resources(template, 'AWS::IAM::Policy').find(([id]) => id.startsWith('apicorsupdateapiCustomResourcePolicy'))!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'apigateway:PATCH', Resource: expect.anything() }),
    ]);
    expect(render(policy.Properties.PolicyDocument.Statement[0].Resource)).toBe(`arn:<AWS::Partition>:apigateway:eu-central-1::/apis/<${ids(template).api}>`);
  });
});

describe('sign-in with the Cognito hosted UI', () => {
  it('has a sign-in domain whose prefix comes from the stage', () => {
    standard.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: `overbrug-${STAGE}`, ManagedLoginVersion: 1 });
    expect(render(standard.template.toJSON().Outputs.SignInUrl.Value)).toBe(signInOrigin(standard.template));
  });

  it('signs the web app in with the authorization code flow (PKCE, no secret), back to the web app only', () => {
    for (const [{ template }, origin] of [
      [standard, webOrigin(standard.template)],
      [custom, CUSTOM.webAppOrigin],
    ] as const) {
      const [, client] = webClient(template);
      expect(client.Properties).toMatchObject({
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        GenerateSecret: false,
        SupportedIdentityProviders: ['COGNITO'],
        // The hosted UI only: no password, SRP or admin flow from the browser.
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        // A signed-in user cannot change what scopes them (custom:*) or the name a timeline shows.
        WriteAttributes: ['locale'],
      });
      expect((client.Properties.CallbackURLs as unknown[]).map(render)).toEqual([`${origin}/`]);
      expect((client.Properties.LogoutURLs as unknown[]).map(render)).toEqual([`${origin}/`]);
    }
  });
});

describe('the smoke-test client', () => {
  it('exists only when asked for, signs in with a password, and its tokens count for the API and the handlers', () => {
    const smokeClients = (template: Template) => resources(template, 'AWS::Cognito::UserPoolClient').filter(([, client]) => String(client.Properties.ClientName).endsWith('smoke-test'));
    expect(smokeClients(standard.template)).toHaveLength(0);
    const { template } = synth({ smokeTestClient: 'true' });
    const clients = resources(template, 'AWS::Cognito::UserPoolClient');
    expect(smokeClients(template)).toHaveLength(1);
    const [smokeId, smoke] = clients.find(([, client]) => String(client.Properties.ClientName).endsWith('smoke-test'))!;
    expect(smoke.Properties).toMatchObject({ ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], WriteAttributes: ['locale'], GenerateSecret: false });
    expect(smoke.Properties.AllowedOAuthFlows).toBeUndefined();
    const authorizer = only(template, 'AWS::ApiGatewayV2::Authorizer')[1];
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Audience)).toContain(smokeId);
    const getReferral = resources(template, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties.FunctionName === 'overbrug-test-get-referral')![1];
    expect(JSON.stringify(getReferral.Properties.Environment.Variables.AUTH_AUDIENCE)).toContain(smokeId);
    expect(template.toJSON().Outputs.SmokeTestClientId).toBeDefined();
  });
});

describe('practice systems (the FHIR interface)', () => {
  it('sign in with client credentials against a resource server, one app client with a secret each, bound to its organisation', () => {
    const { template } = standard;
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'overbrug',
      Scopes: [{ ScopeName: 'referrals.read', ScopeDescription: Match.anyValue() }, { ScopeName: 'referrals.write', ScopeDescription: Match.anyValue() }],
    });
    const [systemId, system] = resources(template, 'AWS::Cognito::UserPoolClient').find(([, client]) => String(client.Properties.ClientName).endsWith('system-his-delinde'))!;
    expect(system.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
    expect(JSON.stringify(system.Properties.AllowedOAuthScopes)).toContain('referrals.write');
    // API Gateway takes its access tokens; the FHIR functions know which organisation it acts for.
    expect(JSON.stringify(only(template, 'AWS::ApiGatewayV2::Authorizer')[1].Properties.JwtConfiguration.Audience)).toContain(systemId);
    const fhirWrite = resources(template, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties.FunctionName === 'overbrug-test-fhir-write')![1];
    const bindings = JSON.stringify(fhirWrite.Properties.Environment.Variables.SYSTEM_CLIENTS);
    expect(bindings).toContain(systemId);
    expect(bindings).toContain('hap-de-linde');
    // People's ID tokens are checked against the person clients only.
    expect(JSON.stringify(fhirWrite.Properties.Environment.Variables.AUTH_AUDIENCE)).not.toContain(systemId);
    expect(Object.keys(template.toJSON().Outputs).some((key) => key.startsWith('SystemClientId'))).toBe(true);
  });

  it('serves /fhir: metadata and the definitions without a token, everything else behind the authorizer', () => {
    const routes = resources(standard.template, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    const fhir = routes.filter((route) => String(route.RouteKey).includes(' /fhir'));
    expect(fhir.map((route) => route.RouteKey).sort()).toEqual(
      ['GET /fhir/CodeSystem/{id}', 'GET /fhir/Consent/{id}', 'GET /fhir/Questionnaire/{id}', 'GET /fhir/ServiceRequest/{id}', 'GET /fhir/Task', 'GET /fhir/Task/{id}', 'GET /fhir/metadata', 'POST /fhir', 'PUT /fhir/Consent/{id}', 'PUT /fhir/Task/{id}'].sort(),
    );
    for (const route of fhir) {
      const open = ['GET /fhir/metadata', 'GET /fhir/Questionnaire/{id}', 'GET /fhir/CodeSystem/{id}'].includes(route.RouteKey);
      expect(route.AuthorizationType, route.RouteKey).toBe(open ? 'NONE' : 'JWT');
    }
  });
});

describe('a custom domain for the web app', () => {
  it("is the distribution's alias, with its us-east-1 certificate and TLS 1.2 at least", () => {
    const { template } = custom;
    const config = only(template, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['app.overbrug.example']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: CUSTOM.webAppCertificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(render(template.toJSON().Outputs.WebAppUrl.Value)).toBe(`${CUSTOM.webAppOrigin}/`);
  });

  it('leaves cdk-nag nothing unsuppressed, and suppresses no TLS finding', () => {
    const annotations = Annotations.fromStack(custom.stack);
    expect(annotations.findError('*', Match.anyValue()).map((finding) => finding.id)).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue()).map((finding) => finding.id)).toEqual([]);
    const suppressed = JSON.stringify(only(custom.template, 'AWS::CloudFront::Distribution')[1].Metadata);
    expect(suppressed).not.toContain('AwsSolutions-CFR4');
    expect(JSON.stringify(only(standard.template, 'AWS::CloudFront::Distribution')[1].Metadata)).toContain('AwsSolutions-CFR4');
  });

  it.each([
    [{ webAppOrigin: CUSTOM.webAppOrigin }, /needs webAppCertificateArn: an ACM certificate for app\.overbrug\.example in us-east-1/],
    [{ webAppCertificateArn: CUSTOM.webAppCertificateArn }, /webAppCertificateArn is set but webAppOrigin is not/],
    [{ ...CUSTOM, webAppCertificateArn: CUSTOM.webAppCertificateArn.replace('us-east-1', 'eu-central-1') }, /in eu-central-1; CloudFront only takes certificates from us-east-1/],
    [{ ...CUSTOM, webAppCertificateArn: 'app-certificate' }, /is not an ACM certificate ARN/],
    [{ ...CUSTOM, webAppOrigin: 'http://app.overbrug.example' }, /must be an https origin/],
    [{ ...CUSTOM, webAppOrigin: 'https://app.overbrug.example/' }, /without port, path or trailing slash/],
    [{ ...CUSTOM, webAppOrigin: 'https://app.overbrug.example:8443' }, /without port, path or trailing slash/],
    [{ ...CUSTOM, webAppOrigin: 'https://App.Overbrug.example' }, /in lowercase/],
    [{ ...CUSTOM, webAppOrigin: 'https://d111111abcdef8.cloudfront.net' }, /leave webAppOrigin unset to use the distribution's own domain/],
  ])('refuses %j', (context, error) => {
    expect(() => buildTestApp({ stage: STAGE, ...context })).toThrow(error);
  });
});

describe('the rest of the context that the web app and sign-in depend on', () => {
  it.each([
    [{ authDomainPrefix: '-overbrug' }, /authDomainPrefix '-overbrug' must be 1-63 lowercase letters/],
    [{ authDomainPrefix: 'Overbrug' }, /must be 1-63 lowercase letters/],
    [{ authDomainPrefix: 'x'.repeat(64) }, /must be 1-63 lowercase letters/],
    [{ authDomainPrefix: 'overbrug-aws' }, /contains 'aws', which Cognito reserves/],
    [{ authDomainPrefix: 'my-cognito' }, /contains 'cognito', which Cognito reserves/],
    [{ stage: 'test-' }, /The default authDomainPrefix 'overbrug-test-' \(from the stage\) must be/],
    [{ publicBaseUrl: 'http://app.overbrug.example' }, /publicBaseUrl 'http:\/\/app\.overbrug\.example' must be an https URL/],
    [{ region: 'eu-south-1' }, /CloudFront cannot deliver the web app's access logs to a bucket in eu-south-1/],
  ])('refuses %j', (context, error) => {
    expect(() => buildTestApp({ stage: STAGE, ...context })).toThrow(error);
  });

  it('takes a chosen sign-in domain prefix, and links e-mails where publicBaseUrl says', () => {
    const { template } = custom;
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: CHOSEN.authDomainPrefix });
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: physicalName(STAGE, 'notify'),
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: CHOSEN.publicBaseUrl }) },
    });
  });
});
