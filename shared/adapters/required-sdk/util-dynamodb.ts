import { utilDynamodb } from '../aws-sdk.ts';

// Stands in for @aws-sdk/util-dynamodb in the Lambda bundles, as client-dynamodb.ts beside it does.
export const { marshall, unmarshall } = utilDynamodb();
