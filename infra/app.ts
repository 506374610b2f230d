// The CDK app: `npm run synth` (offline), `npm run deploy -- --context stage=<stage>`.
// Context: stage, region (eu-* only), webAppDir (a web app built elsewhere, instead of web/),
// webAppOrigin and webAppCertificateArn (a custom domain), authDomainPrefix, publicBaseUrl,
// senderDomain, alarmEmail, smokeTestClient (true: a password client for `npm run test:remote`),
// systemClients (JSON: the practice systems that refer through FHIR; the demo region's by default).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebApp } from '#web/build.ts';
import { buildApp } from './app-builder.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
// The web app is built at every synth from web/ (about a third of a second), so a deploy carries
// the app of the same commit as the functions.
const { outDir } = await buildWebApp({ outDir: join(projectRoot, 'web', 'dist') });
buildApp({ projectRoot, webAppDir: outDir });
