// AWS list prices for eu-central-1 (Frankfurt), on-demand, without free tier, in USD. Named and
// dated so a reader can check them; update the date with the figures. They were not fetched live
// from this machine (it has no network beyond package registries): they are the published list
// prices as known on the date below. Check the sources before quoting a figure.
export const PRICES_AS_OF = '2025-06 (DynamoDB after the November 2024 on-demand reduction)';

export const PRICES = {
  lambda: {
    /** Per request. https://aws.amazon.com/lambda/pricing/ */
    perRequest: 0.2 / 1e6,
    /** Per GB-second on Arm (Graviton), first tier. https://aws.amazon.com/lambda/pricing/ */
    perGbSecondArm: 0.0000133334,
  },
  dynamodb: {
    /** Per write request unit (1 KB), on-demand. https://aws.amazon.com/dynamodb/pricing/on-demand/ */
    perWriteUnit: 0.7625 / 1e6,
    /** Per read request unit (4 KB strongly consistent), on-demand. Same source. */
    perReadUnit: 0.1525 / 1e6,
  },
  sqs: {
    /** Per request (64 KB chunk), standard queue, beyond the free tier. https://aws.amazon.com/sqs/pricing/ */
    perRequest: 0.4 / 1e6,
  },
  ses: {
    /** Per outbound e-mail. https://aws.amazon.com/ses/pricing/ */
    perEmail: 0.1 / 1000,
  },
  apiGateway: {
    /** Per HTTP API request, first 300 million a month. https://aws.amazon.com/api-gateway/pricing/ */
    perHttpRequest: 1.2 / 1e6,
  },
  cloudWatchLogs: {
    /** Per GB ingested, standard log class. https://aws.amazon.com/cloudwatch/pricing/ */
    perGbIngested: 0.63,
  },
} as const;
