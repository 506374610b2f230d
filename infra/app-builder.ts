import { App, Aspects, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { suppressReviewedFindings } from './nag-suppressions.ts';
import { OverbrugStack } from './overbrug-stack.ts';
import type { WebAppCustomDomain } from './web-app.ts';

export interface BuildOptions {
  projectRoot: string;
  /** The built web app (index.html, assets/, ...) that the stack deploys; the `webAppDir` context, when given, wins. */
  webAppDir?: string;
  appProps?: AppProps;
}

type Context = (key: string) => string | undefined;

/**
 * The CDK app with its context read and checked, and cdk-nag's AWS Solutions and HIPAA Security
 * packs applied. `infra/app.ts` runs it for `cdk`; the tests build the same app.
 */
export function buildApp({ projectRoot, webAppDir, appProps }: BuildOptions): { app: App; stack: OverbrugStack } {
  const app = new App(appProps);
  const context: Context = (key) => app.node.tryGetContext(key) as string | undefined;
  const stage = String(context('stage') ?? 'dev');
  if (!/^[a-z0-9-]{1,20}$/.test(stage)) throw new Error(`Stage '${stage}' must be 1-20 lowercase letters, digits or dashes`);
  // Health data stays in the EU: Frankfurt unless the context says otherwise.
  const region = String(context('region') ?? 'eu-central-1');
  if (!/^eu-/.test(region)) throw new Error(`Region '${region}' is outside the EU; Overbrug holds health data of Dutch clients`);
  const appDir = context('webAppDir') ?? webAppDir;
  if (!appDir) throw new Error('No web app to deploy: build it (npm run build:web) and pass its directory with --context webAppDir=<dir>');
  const publicBaseUrl = context('publicBaseUrl');
  if (publicBaseUrl !== undefined && !/^https:\/\/[^/\s]+(\/\S*)?$/.test(publicBaseUrl)) {
    throw new Error(`publicBaseUrl '${publicBaseUrl}' must be an https URL`);
  }

  const stack = new OverbrugStack(app, `overbrug-${stage}`, {
    stage,
    projectRoot,
    webAppDir: appDir,
    webAppDomain: webAppDomain(context),
    authDomainPrefix: authDomainPrefix(context, stage),
    publicBaseUrl,
    senderDomain: context('senderDomain'),
    alarmEmail: context('alarmEmail'),
    smokeTestClient: context('smokeTestClient') === 'true',
    systemClients: systemClients(context),
    env: { region, account: process.env.CDK_DEFAULT_ACCOUNT },
    description: `Overbrug referral and waitlist-bridging service (${stage})`,
  });
  suppressReviewedFindings(stack);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  Aspects.of(app).add(new HIPAASecurityChecks({ verbose: true }));
  return { app, stack };
}

/**
 * `systemClients`: the practice systems that refer through FHIR, as JSON
 * `[{"key":"his-delinde","organisationId":"hap-de-linde","name":"..."}]`; the demo region's when absent.
 */
function systemClients(context: Context) {
  const raw = context('systemClients');
  if (raw === undefined) return undefined;
  const list = JSON.parse(raw) as { key?: unknown; organisationId?: unknown; name?: unknown }[];
  if (!Array.isArray(list) || list.some((item) => typeof item.organisationId !== 'string' || typeof item.name !== 'string' || (item.key !== undefined && !/^[a-z0-9-]{1,40}$/.test(String(item.key))))) {
    throw new Error('systemClients must be a JSON array of { key?, organisationId, name } (key: lowercase letters, digits, -)');
  }
  return list as { key?: string; organisationId: string; name: string }[];
}

/**
 * `webAppOrigin` + `webAppCertificateArn`: the web app on a domain of our own. Without both, it is
 * served on its distribution's `*.cloudfront.net` name, which is known only after the first deploy.
 */
function webAppDomain(context: Context): WebAppCustomDomain | undefined {
  const origin = context('webAppOrigin');
  const certificateArn = context('webAppCertificateArn');
  if (origin === undefined && certificateArn === undefined) return undefined;
  if (origin === undefined) throw new Error('webAppCertificateArn is set but webAppOrigin is not: give the https origin the certificate is for');
  if (!/^https:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(origin)) {
    throw new Error(`webAppOrigin '${origin}' must be an https origin of a domain name in lowercase, without port, path or trailing slash (https://app.example.org)`);
  }
  if (origin.endsWith('.cloudfront.net')) {
    throw new Error(`webAppOrigin '${origin}' is a CloudFront name; leave webAppOrigin unset to use the distribution's own domain`);
  }
  if (certificateArn === undefined) {
    throw new Error(`webAppOrigin '${origin}' needs webAppCertificateArn: an ACM certificate for ${new URL(origin).hostname} in us-east-1`);
  }
  const arn = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/.exec(certificateArn);
  if (!arn) throw new Error(`webAppCertificateArn '${certificateArn}' is not an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)`);
  if (arn[1] !== 'us-east-1') {
    throw new Error(`webAppCertificateArn is in ${arn[1]}; CloudFront only takes certificates from us-east-1 (request or import it there)`);
  }
  return { origin, certificateArn };
}

/** The Cognito domain prefix: unique within the region across all AWS accounts, so it can be chosen. */
function authDomainPrefix(context: Context, stage: string): string {
  const prefix = context('authDomainPrefix') ?? `overbrug-${stage}`;
  const source = context('authDomainPrefix') === undefined ? `The default authDomainPrefix '${prefix}' (from the stage)` : `authDomainPrefix '${prefix}'`;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
    throw new Error(`${source} must be 1-63 lowercase letters, digits or dashes, and not start or end with a dash`);
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => prefix.includes(word));
  if (reserved) throw new Error(`${source} contains '${reserved}', which Cognito reserves; set --context authDomainPrefix=<prefix>`);
  return prefix;
}
