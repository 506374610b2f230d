import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { testService } from '../support/fixtures.ts';

let aws: EmulatedAws;
let kaart: SocialeKaartStore;

beforeAll(async () => {
  aws = await startEmulatedAws();
  kaart = new SocialeKaartStore(aws.document, aws.tableNames['sociale-kaart']);
});
afterAll(() => aws.close());

const entryOf = ({ placesTaken: _taken, reservedFor: _held, ...entry }: ReturnType<typeof testService>) => entry;
const item = async (serviceId: string) =>
  (await aws.document.send(new GetCommand({ TableName: aws.tableNames['sociale-kaart'], Key: { serviceId } }))).Item!;

describe('the sociale-kaart store: upsert for imports', () => {
  it('creates a new entry with no places taken, ready for reservations', async () => {
    const entry = entryOf(testService({ serviceId: `upsert-new-${crypto.randomUUID().slice(0, 8)}`, capacity: 2 }));
    const now = new Date('2026-11-20T10:00:00Z');
    expect(await kaart.upsert(entry, now)).toEqual({ outcome: 'created' });
    expect(await item(entry.serviceId)).toMatchObject({ ...entry, placesTaken: 0, updatedAt: now.toISOString() });
    expect(await kaart.reserve(entry.serviceId, crypto.randomUUID())).toBe('claimed');
  });

  it('writes the published fields and never touches the reservations; the last change moves only on a change', async () => {
    const entry = entryOf(testService({ serviceId: `upsert-held-${crypto.randomUUID().slice(0, 8)}`, capacity: 3, fundingEnds: '2027-06-30' }));
    await kaart.upsert(entry, new Date('2026-11-01T00:00:00Z'));
    const holders = [crypto.randomUUID(), crypto.randomUUID()];
    for (const referralId of holders) expect(await kaart.reserve(entry.serviceId, referralId)).toBe('claimed');

    const later = new Date('2026-11-20T10:00:00Z');
    const { fundingEnds: _ends, ...changed } = { ...entry, waitingWeeks: 4, capacity: 5, contact: { ...entry.contact, phone: '000-1234567' } };
    expect(await kaart.upsert(changed, later)).toMatchObject({ outcome: 'updated', previous: { waitingWeeks: entry.waitingWeeks, capacity: 3 } });
    const stored = await item(entry.serviceId);
    expect(stored).toMatchObject({ waitingWeeks: 4, capacity: 5, contact: changed.contact, placesTaken: 2, updatedAt: later.toISOString() });
    expect([...(stored.reservedFor as Set<string>)].sort()).toEqual([...holders].sort());
    expect(stored).not.toHaveProperty('fundingEnds');

    expect(await kaart.upsert(changed, new Date('2026-11-21T10:00:00Z'))).toEqual({ outcome: 'unchanged' });
    expect((await item(entry.serviceId)).updatedAt).toBe(later.toISOString());
  });

  it("refuses an id that another region's entry holds", async () => {
    const entry = entryOf(testService({ serviceId: `upsert-other-${crypto.randomUUID().slice(0, 8)}` }));
    await kaart.upsert(entry, new Date());
    expect(await kaart.upsert({ ...entry, regionId: 'regio-elders', name: 'Overgenomen?' }, new Date())).toEqual({ outcome: 'other-region', regionId: 'regio-voorbeeld' });
    expect((await item(entry.serviceId)).name).toBe(entry.name);
  });
});
