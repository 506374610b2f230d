import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { physicalName } from '#shared/topology.ts';
import type { WebConfig } from '#web/config.ts';
import { HASHED_ASSETS_DIR, HASHED_FILE_CACHE_CONTROL, REVALIDATED_CACHE_CONTROL } from '#web/caching.ts';
import { contentSecurityPolicy, HSTS_MAX_AGE_SECONDS, PERMISSIONS_POLICY } from '#web/security-headers.ts';

/** What the web app reads from `/config.json` at start-up (web/config.ts), as this stack writes it. */
export type WebAppConfig = WebConfig & { environment: 'aws' };

/** A domain of our own for the web app, instead of the distribution's `*.cloudfront.net` name. */
export interface WebAppCustomDomain {
  /** `https://<host>`: the origin people open, the distribution's alternate domain name. */
  origin: string;
  /** An ACM certificate for the host, in us-east-1 (the only region CloudFront takes certificates from). */
  certificateArn: string;
}

export interface WebAppProps {
  stage: string;
  /** A directory with the built web app (index.html, app.js, ...); its own config.json, if any, is not deployed. */
  appDir: string;
  /** Served as `/config.json`; its API and the sign-in domain are the only other origins the app may reach. */
  config: WebAppConfig;
  /** The origin of the sign-in pages (the Cognito domain): the token endpoint is called from the app, the sign-in form posts there. */
  signInOrigin: string;
  customDomain?: WebAppCustomDomain;
  /** Encrypts the deployment function's logs, like every log group of the stack. */
  logKey: IKey;
}

/** EU regions whose buckets CloudFront's standard logs cannot be delivered to (opt-in regions). */
const CLOUDFRONT_LOGS_NOT_DELIVERED_TO = ['eu-south-1', 'eu-south-2', 'eu-central-2'];

/** Access logs of the distribution and of the bucket: who fetched the static app, with their IP addresses. */
const ACCESS_LOG_RETENTION = Duration.days(90);

/**
 * The web app on AWS: its static files in a private S3 bucket that only this CloudFront distribution
 * may read (origin access control), served over HTTPS with a strict Content-Security-Policy and the
 * other security headers, and deployed with the `config.json` that points it at this stack's API and
 * sign-in.
 *
 * Caching (web/caching.ts): the scripts and styles have content-hashed names (assets/), which
 * browsers keep a year without asking again; index.html, config.json and the favicon they ask for
 * at each load (a 304 when unchanged). The edge keeps every file until the next deployment
 * invalidates the distribution. So a return visit fetches two small files, and after a deployment
 * nobody gets an old index.html or config.json, nor an old script next to a new page.
 */
export class WebApp extends Construct {
  /** `https://<host>` of the web app: the custom domain's, or the distribution's own. */
  readonly origin: string;
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  /** The hashed assets; uploaded before `deployment`, and never pruned (below). */
  readonly assetsDeployment: BucketDeployment;
  /** The rest (index.html, config.json, ...), after the assets; it invalidates the distribution. */
  readonly deployment: BucketDeployment;
  /** The distribution's `*.cloudfront.net` name, where a custom domain's DNS record points. */
  readonly distributionDomainName: string;
  /** True when viewers get CloudFront's default certificate, whose TLS policy CloudFront fixes. */
  readonly usesDefaultCertificate: boolean;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (CLOUDFRONT_LOGS_NOT_DELIVERED_TO.includes(region)) {
      throw new Error(`CloudFront cannot deliver the web app's access logs to a bucket in ${region} (an opt-in region); deploy to a region enabled by default, such as eu-central-1`);
    }
    const name = (resource: string) => physicalName(props.stage, resource);

    this.logBucket = new Bucket(this, 'access-logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // No client data here (IP addresses, paths of static files): SSE-S3, so the log delivery
      // services need no grant on a key. CloudFront writes its logs through an ACL grant.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      lifecycleRules: [{ expiration: ACCESS_LOG_RETENTION, noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      // Earlier deployments' files, for a look back; pruned ones go after 30 days.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const { apiBaseUrl } = props.config;
    const headers = new ResponseHeadersPolicy(this, 'headers', {
      responseHeadersPolicyName: name('web-app-headers'),
      comment: `Overbrug ${props.stage}: security headers of the web app`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy({ apiOrigin: apiBaseUrl, signInOrigin: props.signInOrigin }), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
          { header: 'Cross-Origin-Resource-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    const customDomain = props.customDomain;
    this.usesDefaultCertificate = !customDomain;
    this.distribution = new Distribution(this, 'distribution', {
      comment: `Overbrug ${props.stage} web app`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Edge TTL from the objects' Cache-Control (s-maxage); no cookies, headers or query strings in the key.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America: the edge locations near Dutch users, at the lowest price.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(customDomain
        ? {
            domainNames: [new URL(customDomain.origin).hostname],
            certificate: Certificate.fromCertificateArn(this, 'certificate', customDomain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
    });
    this.distributionDomainName = this.distribution.distributionDomainName;
    this.origin = customDomain?.origin ?? `https://${this.distribution.distributionDomainName}`;

    // CDK's deployment function (Python with the AWS CLI) copies the files; a role of its own writes
    // its logs to this one group, instead of the managed policy's logs on every group.
    const deploymentLogs = new LogGroup(this, 'deployment-logs', { retention: RetentionDays.SIX_MONTHS, encryptionKey: props.logKey });
    const deploymentRole = new Role(this, 'deployment-role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Deploys the Overbrug ${props.stage} web app to its bucket and invalidates the distribution`,
    });
    deploymentLogs.grantWrite(deploymentRole);
    const files = Source.asset(props.appDir, { exclude: ['config.json'] });
    const hashed = `${HASHED_ASSETS_DIR}*`;
    this.assetsDeployment = new BucketDeployment(this, 'assets-deployment', {
      sources: [files],
      destinationBucket: this.bucket,
      include: [hashed],
      exclude: ['*'],
      // Browsers keep them a year (their names change with their content); so does the edge.
      cacheControl: [CacheControl.fromString(HASHED_FILE_CACHE_CONTROL)],
      // Kept after a deployment: a page loaded before it still fetches its own chunks (each page is
      // a chunk loaded when opened). Old ones are a few hundred KB a deployment.
      prune: false,
      logGroup: deploymentLogs,
      role: deploymentRole,
    });
    this.deployment = new BucketDeployment(this, 'deployment', {
      sources: [files, Source.jsonData('config.json', props.config)],
      destinationBucket: this.bucket,
      // Not synced, and so not pruned either: the assets are the other deployment's.
      exclude: [hashed],
      // Browsers ask again at each load; the edge keeps the file until the next deployment.
      cacheControl: [CacheControl.fromString(REVALIDATED_CACHE_CONTROL), CacheControl.sMaxAge(Duration.days(365))],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      logGroup: deploymentLogs,
      role: deploymentRole,
    });
    // A new index.html names new assets: they are there before it is.
    this.deployment.node.addDependency(this.assetsDeployment);
  }
}
