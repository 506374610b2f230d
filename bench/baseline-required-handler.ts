// The cold-start baseline once more, loading its DynamoDB client the way our functions load the SDK
// (shared/adapters/aws-sdk.ts: `require`, not `import`). Timed beside the baseline so that the
// functions' ratios can be read both ways: against the baseline the issue set, and against this.
import { createRequire } from 'node:module';

const { DynamoDBClient } = createRequire(import.meta.url)('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});

export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
