// DynamoDB Streams, emulated for the local stack (dynalite has none). Each function's SDK clients
// get one middleware: after a successful write to a table that has a stream in the topology, the
// records the stream would carry go to the host, which hands them to the table's consumer in
// batches, retrying failed records as the event source mapping does. The consumer is the same
// handler as on AWS. Writes made outside the functions (tests' and the benchmark's own) carry no
// records, as writes do not reach a stream that does not exist yet.
import { randomUUID } from 'node:crypto';
import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { tableEnvVar, tables, type TableId } from '#shared/topology.ts';
import type { FunctionHost } from './function-host.ts';

type Item = Record<string, AttributeValue>;
type Stack = { add: (middleware: unknown, options: { step: string; name: string }) => void };

/** How long records wait for more to join their batch, as the polling of a shard makes them. */
const STREAM_POLL_MS = 100;

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

/** The records of one write, as a NEW_AND_OLD_IMAGES stream has them (without the old image of a change: no consumer here reads it). */
function record(tableName: string, eventName: DynamoDBRecord['eventName'], keys: Item, images: { NewImage?: Item; OldImage?: Item }): DynamoDBRecord {
  return {
    eventID: randomUUID().replace(/-/g, ''),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: process.env.AWS_REGION ?? 'eu-central-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      ...(images as Pick<NonNullable<DynamoDBRecord['dynamodb']>, 'NewImage' | 'OldImage'>),
      // Filled in by the host, in the order it receives them (one shard).
      SequenceNumber: '0',
      SizeBytes: JSON.stringify(images.NewImage ?? keys).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:${process.env.AWS_REGION ?? 'eu-central-1'}:000000000000:table/${tableName}/stream/local`,
  };
}

/** In a function's worker: turns its successful writes to streamed tables into records. */
export class StreamCapture {
  readonly #streamed = new Map<string, TableId>();
  readonly #attached = new WeakSet<object>();
  readonly #deliver: (records: DynamoDBRecord[]) => void;

  constructor(environment: NodeJS.ProcessEnv, deliver: (records: DynamoDBRecord[]) => void) {
    for (const [id, spec] of Object.entries(tables) as [TableId, (typeof tables)[TableId]][]) {
      const name = environment[tableEnvVar(id)];
      if (spec.stream && name) this.#streamed.set(name, id);
    }
    this.#deliver = deliver;
  }

  /** Adds the middleware to a DynamoDB client's stack, once; `read` sends a request the function does not make (the stream's own view of a removed item). */
  attach(stack: unknown, read: (command: GetItemCommand) => Promise<unknown>): void {
    if (!this.#streamed.size || !stack || this.#attached.has(stack as object)) return;
    this.#attached.add(stack as object);
    // The build step: the document client has marshalled the input, and the output is not unmarshalled yet.
    (stack as Stack).add(
      (next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>, context: { commandName?: string }) =>
        async (args: { input: Record<string, unknown> }) => {
          const command = context.commandName ?? '';
          if (!WRITES.has(command)) return next(args);
          const removed = command === 'DeleteItemCommand' ? await this.#oldImage(args.input, read) : undefined;
          const result = await next(args);
          const records = this.#recordsOf(command, args.input, result.output, removed);
          if (records.length) this.#deliver(records);
          return result;
        },
      { step: 'build', name: 'overbrugLocalStream' },
    );
  }

  async #oldImage(input: Record<string, unknown>, read: (command: GetItemCommand) => Promise<unknown>): Promise<Item | undefined> {
    const table = input.TableName as string;
    if (!this.#streamed.has(table) || input.ReturnValues === 'ALL_OLD') return undefined;
    const found = (await read(new GetItemCommand({ TableName: table, Key: input.Key as Item, ConsistentRead: true }))) as { Item?: Item };
    return found.Item;
  }

  #recordsOf(command: string, input: Record<string, unknown>, output: Record<string, unknown>, removed: Item | undefined): DynamoDBRecord[] {
    const records: DynamoDBRecord[] = [];
    const keysOf = (tableId: TableId, item: Item): Item => {
      const spec = tables[tableId];
      return Object.fromEntries([spec.partitionKey, spec.sortKey].filter((key): key is string => !!key && !!item[key]).map((key) => [key, item[key]!]));
    };
    const one = (table: string, kind: 'put' | 'update' | 'delete', payload: { Item?: Item; Key?: Item; Attributes?: Item; ReturnValues?: unknown }, old?: Item) => {
      const tableId = this.#streamed.get(table);
      if (!tableId) return;
      if (kind === 'put' && payload.Item) records.push(record(table, 'INSERT', keysOf(tableId, payload.Item), { NewImage: payload.Item }));
      else if (kind === 'update' && payload.Key) {
        const image = payload.ReturnValues === 'ALL_NEW' && payload.Attributes ? { NewImage: payload.Attributes } : {};
        records.push(record(table, 'MODIFY', payload.Key, image));
      } else if (kind === 'delete' && payload.Key) {
        const image = payload.ReturnValues === 'ALL_OLD' && payload.Attributes ? payload.Attributes : old;
        // Nothing was there: a stream carries no record for a delete that removed nothing.
        if (image) records.push(record(table, 'REMOVE', payload.Key, { OldImage: image }));
      }
    };
    const table = input.TableName as string;
    if (command === 'PutItemCommand') one(table, 'put', input as { Item: Item });
    else if (command === 'UpdateItemCommand') one(table, 'update', { Key: input.Key as Item, ReturnValues: input.ReturnValues, Attributes: output.Attributes as Item });
    else if (command === 'DeleteItemCommand') one(table, 'delete', { Key: input.Key as Item, ReturnValues: input.ReturnValues, Attributes: output.Attributes as Item }, removed);
    else if (command === 'TransactWriteItemsCommand') {
      for (const entry of (input.TransactItems ?? []) as { Put?: { TableName: string; Item: Item }; Update?: { TableName: string; Key: Item }; Delete?: { TableName: string; Key: Item } }[]) {
        if (entry.Put) one(entry.Put.TableName, 'put', entry.Put);
        if (entry.Update) one(entry.Update.TableName, 'update', { Key: entry.Update.Key });
        // A removal in a transaction carries its keys only here: the consumer reads by key and finds nothing.
        if (entry.Delete) {
          const tableId = this.#streamed.get(entry.Delete.TableName);
          if (tableId) records.push(record(entry.Delete.TableName, 'REMOVE', entry.Delete.Key, {}));
        }
      }
    } else if (command === 'BatchWriteItemCommand') {
      for (const [name, requests] of Object.entries((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>)) {
        for (const request of requests) {
          if (request.PutRequest) one(name, 'put', request.PutRequest);
          else if (request.DeleteRequest) {
            const tableId = this.#streamed.get(name);
            if (tableId) records.push(record(name, 'REMOVE', request.DeleteRequest.Key, {}));
          }
        }
      }
    }
    return records;
  }
}

/**
 * The event source of a table's stream: records in the order the functions wrote them, batches of
 * up to `batchSize` to the consumer one at a time (one shard), a failed record retried up to
 * `retryAttempts` times and then given up (logged; AWS sends its pointer to a dead-letter queue).
 */
export class StreamEventSource {
  readonly #options: { host: FunctionHost; batchSize: number; retryAttempts: number; onEvent?: (message: string) => void };
  readonly #queue: { record: DynamoDBRecord; attempt: number }[] = [];
  #sequence = 0;
  #draining: Promise<void> | undefined;
  #stopped = false;

  constructor(options: { host: FunctionHost; batchSize: number; retryAttempts: number; onEvent?: (message: string) => void }) {
    this.#options = options;
  }

  push(records: DynamoDBRecord[]): void {
    if (this.#stopped) return;
    for (const record of records) {
      record.dynamodb!.SequenceNumber = String(++this.#sequence).padStart(21, '0');
      this.#queue.push({ record, attempt: 0 });
    }
    // A shard is polled a few times a second: what is written meanwhile arrives in one batch.
    this.#draining ??= new Promise((resolve) => setTimeout(resolve, STREAM_POLL_MS))
      .then(() => this.#drain())
      .finally(() => {
        this.#draining = undefined;
      });
  }

  /** Resolves when every record so far has been handled (tests, the benchmark). */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  stop(): void {
    this.#stopped = true;
    this.#queue.length = 0;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length && !this.#stopped) {
      const batch = this.#queue.splice(0, this.#options.batchSize);
      let failed: Set<string>;
      try {
        const response = (await this.#options.host.invoke({ Records: batch.map(({ record }) => record) } satisfies DynamoDBStreamEvent)) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
        failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      } catch (error) {
        if (this.#stopped) return;
        this.#options.onEvent?.(`${this.#options.host.name} failed on a stream batch: ${(error as Error).message}`);
        failed = new Set(batch.map(({ record }) => record.dynamodb!.SequenceNumber!));
      }
      const again = batch.filter(({ record }) => failed.has(record.dynamodb!.SequenceNumber!));
      for (const entry of again.filter((entry) => entry.attempt + 1 > this.#options.retryAttempts)) {
        this.#options.onEvent?.(`${this.#options.host.name}: stream record ${entry.record.dynamodb!.SequenceNumber} given up after ${entry.attempt + 1} attempts`);
      }
      this.#queue.unshift(...again.filter((entry) => entry.attempt + 1 <= this.#options.retryAttempts).map((entry) => ({ ...entry, attempt: entry.attempt + 1 })));
      if (again.length) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** Math.min(again[0]!.attempt, 4)));
    }
  }
}
