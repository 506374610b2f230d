import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { createSqsServer } from 'local-aws-sqs';
import sesModule from 'aws-ses-v2-local';

export interface Emulators {
  dynamodb: string;
  sqs: string;
  ses: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
export const LOCAL_REGION = 'eu-central-1';
export const LOCAL_ACCOUNT = '000000000000';

const urlOf = (server: Server) => `http://${HOST}:${(server.address() as AddressInfo).port}`;

function listen(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/**
 * Starts the AWS API emulators on free ports: dynalite (DynamoDB, on LevelDB in `dynamoDbPath`,
 * or in memory), local-aws-sqs (SQS, in memory) and aws-ses-v2-local (SES v2, mailbox in memory
 * with a web view).
 */
export async function startEmulators(options: { dynamoDbPath?: string }): Promise<Emulators> {
  const dynamo = await listen(
    dynalite({ ...(options.dynamoDbPath ? { path: options.dynamoDbPath } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }),
  );
  const sqs = await createSqsServer({
    port: 0,
    hostname: HOST,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    emulateQueueCreationLifecycle: false,
  });
  // The package is CommonJS with an ES-style default export: Node hands it over as `.default`,
  // bundlers and vitest unwrap it.
  const imported = sesModule as unknown as typeof sesModule.default | typeof sesModule;
  const startSes = typeof imported === 'function' ? imported : imported.default;
  const ses = await startSes({ host: HOST, port: 0 });
  return {
    dynamodb: urlOf(dynamo),
    sqs: urlOf(sqs),
    ses: urlOf(ses),
    close: async () => {
      await Promise.all([close(sqs), close(ses)]);
      await close(dynamo); // flushes and closes LevelDB
    },
  };
}
