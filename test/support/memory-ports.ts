import type { PipelineMessage } from '#events/contracts.ts';
import type { Referral } from '#shared/domain/referral.ts';
import { applyChange, storedReferral } from '#shared/domain/referral-change.ts';
import type { NeedClaims, Queue, ReferralRecords, Transition } from '#shared/pipeline/ports.ts';
import type { QueueId } from '#shared/topology.ts';

// In-memory doubles of the pipeline's ports: a step runs on them in a unit test, without
// emulators. They keep the promises the real adapters make (a transition is conditional on the
// status as read; a need is claimed by one referral at a time), and nothing more.

export class MemoryReferrals implements Pick<ReferralRecords, 'create' | 'get' | 'transition' | 'casesOfClient'> {
  readonly items = new Map<string, Referral>();
  /** Every write that was refused because the referral had moved on. */
  refused = 0;

  async create(referral: Referral): Promise<boolean> {
    if (this.items.has(referral.referralId)) return false;
    this.items.set(referral.referralId, structuredClone(storedReferral(referral)));
    return true;
  }

  async get(referralId: string): Promise<Referral | undefined> {
    const item = this.items.get(referralId);
    return item && structuredClone(item);
  }

  async transition(current: Referral, transition: Transition): Promise<Referral | undefined> {
    const stored = this.items.get(current.referralId);
    const from = transition.from ?? current.status;
    const assigned = transition.whileUnassigned && stored?.contactPerson;
    const noLongerOwed = (transition.clearNotices ?? []).some((kind) => !stored?.pendingNotices?.includes(kind));
    if (!stored || stored.status !== from || assigned || noLongerOwed || (transition.unlessSet && stored[transition.unlessSet] !== undefined)) {
      this.refused++;
      return undefined;
    }
    const { next } = applyChange(stored, from, transition, new Date());
    this.items.set(next.referralId, next);
    return structuredClone(next);
  }

  async casesOfClient(clientKey: string) {
    return [...this.items.values()].filter((referral) => referral.clientKey === clientKey);
  }
}

/** The messages sent, per queue. */
export class MemoryQueue implements Queue {
  readonly sent: { queue: QueueId; message: PipelineMessage }[] = [];

  async send(queue: QueueId, message: PipelineMessage): Promise<void> {
    this.sent.push({ queue, message });
  }

  to(queue: QueueId): PipelineMessage[] {
    return this.sent.filter((sent) => sent.queue === queue).map((sent) => sent.message);
  }
}

/** The duplicate guard: one referral per client and need. */
export class MemoryNeedClaims implements NeedClaims {
  readonly holders = new Map<string, string>();

  async claim(clientKey: string, needs: string[], referralId: string) {
    const taken = needs.find((need) => (this.holders.get(`${clientKey}:${need}`) ?? referralId) !== referralId);
    if (taken) return { claimed: false as const, open: { referralId: this.holders.get(`${clientKey}:${taken}`)!, contactPersonName: null }, need: taken };
    for (const need of needs) this.holders.set(`${clientKey}:${need}`, referralId);
    return { claimed: true as const };
  }

  async release(clientKey: string, needs: string[], referralId: string): Promise<void> {
    for (const need of needs) if (this.holders.get(`${clientKey}:${need}`) === referralId) this.holders.delete(`${clientKey}:${need}`);
  }
}
