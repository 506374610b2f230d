import { createRequire } from 'node:module';

// The AWS SDK's packages are CommonJS. Imported from an ES module (our bundles are), Node first
// reads each package's whole source to find its export names (cjs-module-lexer) and checks its
// format; required, it loads them as they are. Measured on these machines that pass was about 35 ms
// of CPU for the DynamoDB client alone and 75 ms for the three packages a submission loads, at
// every cold start (BENCHMARKS.md, "Cold start"). Each adapter asks for the packages it uses when
// it is loaded, as its import did; the types still come from `import type`.
const load = createRequire(import.meta.url);

export const clientDynamodb = (): typeof import('@aws-sdk/client-dynamodb') => load('@aws-sdk/client-dynamodb');
export const libDynamodb = (): typeof import('@aws-sdk/lib-dynamodb') => load('@aws-sdk/lib-dynamodb');
export const utilDynamodb = (): typeof import('@aws-sdk/util-dynamodb') => load('@aws-sdk/util-dynamodb');
export const clientSqs = (): typeof import('@aws-sdk/client-sqs') => load('@aws-sdk/client-sqs');
