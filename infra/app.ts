// The CDK app: `npm run synth` (offline), `npx cdk deploy --context stage=<stage>`.
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { OverbrugStack } from './overbrug-stack.ts';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
if (!/^[a-z0-9-]{1,20}$/.test(stage)) throw new Error(`Stage '${stage}' must be 1-20 lowercase letters, digits or dashes`);
// Health data stays in the EU: Frankfurt unless the context says otherwise.
const region = String(app.node.tryGetContext('region') ?? 'eu-central-1');
const publicBaseUrl = app.node.tryGetContext('publicBaseUrl') as string | undefined;

new OverbrugStack(app, `overbrug-${stage}`, {
  stage,
  projectRoot: fileURLToPath(new URL('..', import.meta.url)),
  publicBaseUrl,
  env: { region, account: process.env.CDK_DEFAULT_ACCOUNT },
  description: `Overbrug referral and waitlist-bridging service (${stage})`,
});
