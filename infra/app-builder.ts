import { App, Aspects, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { suppressReviewedFindings } from './nag-suppressions.ts';
import { OverbrugStack } from './overbrug-stack.ts';

export interface BuildOptions {
  projectRoot: string;
  appProps?: AppProps;
}

/**
 * The CDK app with its context read and checked, and cdk-nag's AWS Solutions and HIPAA Security
 * packs applied. `infra/app.ts` runs it for `cdk`; the tests build the same app.
 */
export function buildApp({ projectRoot, appProps }: BuildOptions): { app: App; stack: OverbrugStack } {
  const app = new App(appProps);
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  const stage = String(context('stage') ?? 'dev');
  if (!/^[a-z0-9-]{1,20}$/.test(stage)) throw new Error(`Stage '${stage}' must be 1-20 lowercase letters, digits or dashes`);
  // Health data stays in the EU: Frankfurt unless the context says otherwise.
  const region = String(context('region') ?? 'eu-central-1');
  if (!/^eu-/.test(region)) throw new Error(`Region '${region}' is outside the EU; Overbrug holds health data of Dutch clients`);
  const webAppOrigin = String(context('webAppOrigin') ?? `https://${stage}.overbrug.example`);
  if (!/^https:\/\/[^/]+$/.test(webAppOrigin)) throw new Error(`webAppOrigin '${webAppOrigin}' must be an https origin without a path`);

  const stack = new OverbrugStack(app, `overbrug-${stage}`, {
    stage,
    projectRoot,
    webAppOrigin,
    publicBaseUrl: context('publicBaseUrl'),
    senderDomain: context('senderDomain'),
    alarmEmail: context('alarmEmail'),
    env: { region, account: process.env.CDK_DEFAULT_ACCOUNT },
    description: `Overbrug referral and waitlist-bridging service (${stage})`,
  });
  suppressReviewedFindings(stack);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  Aspects.of(app).add(new HIPAASecurityChecks({ verbose: true }));
  return { app, stack };
}
