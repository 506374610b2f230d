import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
 * or in memory), local-aws-sqs (SQS, in memory) and aws-ses-v2-local (SES v2, with a web view of
 * the mailbox, kept in `mailJournal` when given).
 */
export async function startEmulators(options: { dynamoDbPath?: string; mailJournal?: string }): Promise<Emulators> {
  if (options.mailJournal) keepMail(options.mailJournal);
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

interface SesStore {
  saveEmail: (email: unknown) => void;
}
let journal: { path: string; save: (email: unknown) => void } | undefined;

/**
 * The SES emulator keeps its mailbox in memory. With a journal, every e-mail is appended to a file
 * before SES answers, and the file is read back on start: the mailbox survives restarts (and a
 * kill -9, which the fault-injection run relies on to count every e-mail sent).
 */
function keepMail(path: string): void {
  const store = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as SesStore;
  if (!journal) {
    const save = store.saveEmail;
    journal = { path, save };
    store.saveEmail = (email) => {
      appendFileSync(journal!.path, `${JSON.stringify(email)}\n`);
      save(email);
    };
  }
  journal.path = path;
  if (!existsSync(path)) return;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      journal.save(JSON.parse(line));
    } catch {
      // A line cut short by a crash mid-write: that e-mail's SES call never answered either.
    }
  }
}
