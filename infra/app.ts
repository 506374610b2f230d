// The CDK app: `npm run synth` (offline), `npm run deploy -- --context stage=<stage>`.
// Context: stage, region (eu-* only), webAppDir (the built web app), webAppOrigin and
// webAppCertificateArn (a custom domain), authDomainPrefix, publicBaseUrl, senderDomain, alarmEmail.
import { fileURLToPath } from 'node:url';
import { buildApp } from './app-builder.ts';

buildApp({ projectRoot: fileURLToPath(new URL('..', import.meta.url)) });
