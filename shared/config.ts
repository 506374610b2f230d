import { queueEnvVar, tableEnvVar, type QueueId, type TableId } from './topology.ts';

/** Reads a variable the function cannot run without; fails at cold start with its name, not later. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set; the topology wires it for this function`);
  return value;
}

export const tableName = (table: TableId) => requireEnv(tableEnvVar(table));
export const queueUrl = (queue: QueueId) => requireEnv(queueEnvVar(queue));

export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`Environment variable ${name} must be a number, got '${raw}'`);
  return value;
}
