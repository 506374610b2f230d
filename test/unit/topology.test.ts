import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPublic } from '#shared/access/policy.ts';
import { consumedQueue, functionEnvironment, functions, queues, tables, type FunctionId, type QueueId } from '#shared/topology.ts';

describe('the shared topology', () => {
  it('gives every queue a consumer, a dead-letter queue and a visibility timeout of at least 6x that consumer', () => {
    for (const [id, queue] of Object.entries(queues) as [QueueId, (typeof queues)[QueueId]][]) {
      expect(functions[queue.consumer], id).toBeDefined();
      expect(queue.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * functions[queue.consumer].timeoutSeconds);
      expect(queue.maxReceiveCount).toBeGreaterThanOrEqual(3);
      expect(queue.maxReceiveCount).toBeLessThanOrEqual(5);
      expect(queue.batchSize).toBeLessThanOrEqual(10);
      expect(queue.maxConcurrency).toBeGreaterThanOrEqual(2);
      expect(queue.deadLetterRetentionDays).toBe(14);
    }
  });

  it('lets a function send only to queues that exist and use only tables that exist', () => {
    for (const spec of Object.values(functions)) {
      for (const queue of spec.sendsTo) expect(queues[queue]).toBeDefined();
      for (const table of Object.keys(spec.tables)) expect(tables[table as keyof typeof tables]).toBeDefined();
    }
  });

  it('gives each function the variables for exactly the tables and queues it uses', () => {
    const env = functionEnvironment('match', 'test', { tableName: (t) => `tbl-${t}`, queueUrl: (q) => `url-${q}` });
    expect(env).toMatchObject({
      STAGE: 'test',
      REFERRALS_TABLE_NAME: 'tbl-referrals',
      SOCIALE_KAART_TABLE_NAME: 'tbl-sociale-kaart',
      CONTACT_PERSONS_TABLE_NAME: 'tbl-contact-persons',
      NOTIFY_QUEUE_URL: 'url-notify',
      MAX_RECEIVE_COUNT: String(queues.match.maxReceiveCount),
      POWERTOOLS_SERVICE_NAME: 'overbrug-match',
    });
    expect(env).not.toHaveProperty('TRIAGE_QUEUE_URL');
    // The match step keeps no idempotency record: its writes are conditional on the referral's status.
    expect(env).not.toHaveProperty('IDEMPOTENCY_TABLE_NAME');
    expect(env).not.toHaveProperty('ACCESS_LOG_TABLE_NAME');
    expect(env).not.toHaveProperty('PUBLIC_BASE_URL');
  });

  it('lets exactly the pipeline consumers that send e-mail use the idempotency table (each e-mail once)', () => {
    for (const queue of Object.keys(queues) as QueueId[]) {
      const consumer = queues[queue].consumer;
      expect(consumedQueue(consumer)).toBe(queue);
      expect(functions[consumer].tables.idempotency === 'read-write', consumer).toBe(functions[consumer].sendsEmail);
    }
  });

  it('points every function at a handler module that exists', () => {
    for (const id of Object.keys(functions) as FunctionId[]) {
      expect(existsSync(fileURLToPath(new URL(`../../${functions[id].entry}`, import.meta.url))), id).toBe(true);
    }
  });

  it('lets every function of a signed-in route read one users item (the account check), and only the users function manage accounts', () => {
    for (const [id, spec] of Object.entries(functions) as [FunctionId, (typeof functions)[FunctionId]][]) {
      const signedIn = spec.routes?.some((route) => !isPublic(route)) ?? false;
      if (id === 'users') expect(spec.tables.users).toBe('read-write');
      else expect(spec.tables.users, id).toBe(signedIn ? 'get-item' : undefined);
      expect(spec.userDirectory === true, id).toBe(id === 'users');
    }
    const local = functionEnvironment('users', 'local', { tableName: (table) => table, queueUrl: (queue) => queue, publicBaseUrl: 'http://localhost:3000' });
    expect(local.USER_POOL_ID).toBeUndefined();
    expect(local.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    const aws = functionEnvironment('users', 'prod', { tableName: (table) => table, queueUrl: (queue) => queue, userPoolId: 'eu-central-1_x' });
    expect(aws.USER_POOL_ID).toBe('eu-central-1_x');
    expect(functionEnvironment('get-referral', 'prod', { tableName: (table) => table, queueUrl: (queue) => queue, userPoolId: 'eu-central-1_x' }).USER_POOL_ID).toBeUndefined();
  });
});
