import { indexKaart, type KaartIndex } from '../domain/matching.ts';
import type { KaartCache, KaartRecords } from '../pipeline/ports.ts';

/**
 * The sociale kaart of a region, kept in memory for a short while: matching reads it for every
 * referral, while capacity is guarded by the conditional reservation, not by this copy.
 */
export class KaartRecordsCache implements KaartCache {
  readonly #store: KaartRecords;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, { loadedAt: number; kaart: KaartIndex }>();

  constructor(store: KaartRecords, ttlMs: number) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  async kaart(regionId: string, { fresh = false } = {}): Promise<KaartIndex> {
    const entry = this.#entries.get(regionId);
    if (!fresh && entry && Date.now() - entry.loadedAt < this.#ttlMs) return entry.kaart;
    const kaart = indexKaart(await this.#store.listRegion(regionId));
    this.#entries.set(regionId, { loadedAt: Date.now(), kaart });
    return kaart;
  }

  /** Keeps the cached copy roughly current after this function took or gave back a place itself. */
  noteReserved(regionId: string, serviceId: string, referralId: string): void {
    const service = this.#find(regionId, serviceId);
    if (service && !service.reservedFor.includes(referralId)) {
      service.placesTaken += 1;
      service.reservedFor.push(referralId);
    }
  }

  noteReleased(regionId: string, serviceId: string, referralId: string): void {
    const service = this.#find(regionId, serviceId);
    const index = service?.reservedFor.indexOf(referralId) ?? -1;
    if (service && index >= 0) {
      service.placesTaken -= 1;
      service.reservedFor.splice(index, 1);
    }
  }

  #find(regionId: string, serviceId: string) {
    return this.#entries.get(regionId)?.kaart.services.find((candidate) => candidate.serviceId === serviceId);
  }
}
