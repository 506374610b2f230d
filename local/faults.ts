// Fault injection for tests of the local stack only. It lives in local/, which no Lambda bundle
// imports, so it cannot be switched on in a deployed stack: not by accident, not on purpose.

export interface FaultPlan {
  /** Per function, the faults its SDK calls meet. */
  functions?: Record<string, FunctionFaults>;
  /** Share of SQS messages the pollers deliver twice (in two separate batches). */
  duplicateDeliveryRate?: number;
  /** Seed for the fault dice, so a run can be repeated. */
  seed?: number;
}

export interface FunctionFaults {
  /** The function's sandbox dies just before its Nth call of this SDK command (once per stack). */
  crashBefore?: { command: string; call: number };
  /** Share of calls to these SDK commands (all when omitted) that throw before reaching the service. */
  failRate?: {
    rate: number;
    commands?: string[];
    /**
     * Calls left alone: a command on idempotency records whose key starts with a prefix. The write
     * that marks an e-mail sent is the one window no design closes (SES takes no idempotency
     * token), so a fault there tests nothing but that fact.
     */
    spare?: { command: string; keyPrefix: string }[];
  };
}

/** Exit code of a worker that crashed on purpose; the host then stops injecting that crash. */
export const INJECTED_CRASH_EXIT_CODE = 86;

export class InjectedFault extends Error {
  constructor(command: string) {
    super(`Injected fault before ${command}`);
    this.name = 'InjectedFault';
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function parseFaultPlan(text: string | undefined): FaultPlan {
  if (!text) return {};
  const plan = JSON.parse(text) as FaultPlan;
  if (typeof plan !== 'object' || plan === null) throw new Error('OVERBRUG_LOCAL_FAULTS must be a JSON object');
  return plan;
}
