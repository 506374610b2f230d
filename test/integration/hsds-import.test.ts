import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startStackProcess, type StackProcess } from '#local/child-process.ts';
import { termId } from '#shared/kaart/hsds/taxonomies.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { COMMUNITY_COUNSELLING, CSV_EXAMPLE, EXAMPLES_CROSSWALK, exampleFile, OLD_VERSION_FIXTURES, readCsvExample, readExamplesCrosswalk } from '../support/hsds.ts';
import { sampleBody } from '../support/samples.ts';

const run = promisify(execFile);
let stack: StackProcess;
let workDir: string;

beforeAll(async () => {
  stack = await startStackProcess();
  workDir = await mkdtemp(join(tmpdir(), 'overbrug-kaart-'));
});
afterAll(async () => {
  await stack?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** `npm run kaart -- ...` against this stack, as a beheerder would run it. */
async function kaart(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'kaart', '--', ...args, '--data-dir', stack.dataDir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the sociale kaart speaks HSDS, end to end', () => {
  it('imports the Open Referral examples with the CLI, matches a referral to the imported service and lists it through GET /services', async () => {
    const beforeImport = new Date().toISOString();
    const csv = await kaart('import', CSV_EXAMPLE, '--crosswalk', EXAMPLES_CROSSWALK);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain(`Imported, new (1):\n  ${COMMUNITY_COUNSELLING.serviceId}  Community Counselling`);
    expect(csv.stdout).toContain('service_capacity 8896b788-7b3e-11ef-8db9-7f3d040352b3: hoort bij dienst f75b808e-7bdb-11ef-afaa-ab00a77dc5c4, die niet in services.csv staat');
    expect(csv.stdout).toContain('1 new, 0 updated, 0 unchanged, 2 skipped.');

    // The JSON example carries the taxonomy term the CSV does not: functie 1 is added.
    const json = await kaart('import', exampleFile('service_full'), '--crosswalk', EXAMPLES_CROSSWALK);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toContain('0 new, 1 updated, 0 unchanged, 1 skipped.');

    const nothing = await kaart('import', exampleFile('service_list'), '--crosswalk', EXAMPLES_CROSSWALK);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toContain('geen werkgebied; ');
    expect(nothing.stdout).toContain('0 new, 0 updated, 0 unchanged, 1 skipped.');

    // A client in Rivierstad who speaks Urdu and asks for help with panic: the imported counselling answers.
    const api = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const body = await sampleBody('basic-ggz');
    Object.assign(body.client, { gemeente: 'Rivierstad', postcode: '9902', languages: ['ur', 'nl'], channels: ['phone'] });
    const submitted = await api.submit(body);
    expect(submitted.status).toBe(202);
    const referral = await api.waitForStatus(submitted.json.referralId);
    expect(referral.matches).toContainEqual(expect.objectContaining({ serviceId: COMMUNITY_COUNSELLING.serviceId, kind: 'care', forNeed: 'mental-health' }));

    // Another directory reads what changed since the import, by our levensdomein term; no sign-in.
    const query = new URLSearchParams({ taxonomy_term_id: termId('levensdomeinen', 'mental-health'), modified_after: beforeImport, full: 'true' });
    const response = await fetch(`${stack.endpoints.api}/services?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { total_items: number; contents: { id: string; attributes: { taxonomy_term_id: string }[] }[] };
    expect(page.contents.map((service) => service.id)).toEqual([COMMUNITY_COUNSELLING.serviceId]);
    expect(page.contents[0]!.attributes.map((attribute) => attribute.taxonomy_term_id)).toContain(termId('functies', '1'));
    const before = await fetch(`${stack.endpoints.api}/services?${new URLSearchParams({ modified_after: new Date().toISOString() })}`);
    expect(((await before.json()) as { empty: boolean }).empty).toBe(true);
  });

  it('exports the kaart as HSDS JSON and CSV, and imports both back unchanged, reservations kept', async () => {
    for (const [target, format] of [
      [join(workDir, 'kaart.json'), 'json'],
      [join(workDir, 'kaart-csv'), 'csv'],
    ] as const) {
      const exported = await kaart('export', target, '--format', format);
      expect(exported.code, exported.stderr).toBe(0);
      const count = Number(/Exported (\d+) service/.exec(exported.stdout)?.[1]);
      expect(count).toBeGreaterThanOrEqual(49);
      if (format === 'json') expect(JSON.parse(await readFile(target, 'utf8'))).toHaveLength(count);
      const reimported = await kaart('import', target);
      expect(reimported.code, reimported.stderr).toBe(0);
      expect(reimported.stdout).toContain(`0 new, 0 updated, ${count} unchanged, 0 skipped.`);
    }
  });

  it('imports an HSDS 2.0 package whether pointed at the package or at its data folder, saying which version it read', async () => {
    const crosswalk = `${OLD_VERSION_FIXTURES}crosswalk.json`;
    const whole = await kaart('import', `${OLD_VERSION_FIXTURES}2.0`, '--crosswalk', crosswalk);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout).toContain('(HSDS CSV data package, HSDS 2.0)');
    expect(whole.stdout).toContain('Note: HSDS 2.0 (herkend aan service_attributes.csv');
    expect(whole.stdout).toMatch(/\n2 new, 0 updated, 0 unchanged, 1 skipped\.\n$/);
    const data = await kaart('import', `${OLD_VERSION_FIXTURES}2.0/data`, '--crosswalk', crosswalk);
    expect(data.code, data.stderr).toBe(0);
    expect(data.stdout).toContain('Note: Geen datapackage.json');
    expect(data.stdout).toMatch(/\n0 new, 0 updated, 2 unchanged, 1 skipped\.\n$/);
    expect(data.stdout).not.toContain('status ontbreekt');
  });

  it('lets a long report arrive whole through a pipe, the summary last', async () => {
    // 3,000 services without what the kaart needs: one skipped line each.
    const document = Array.from({ length: 3000 }, (_, index) => ({ id: `a0000000-0000-4000-8000-${String(index).padStart(12, '0')}`, name: `Dienst ${index}`, status: 'active' }));
    const file = join(workDir, 'many.json');
    await writeFile(file, JSON.stringify(document));
    const report = await kaart('import', file, '--region', 'regio-voorbeeld', '--dry-run');
    expect(report.code).toBe(1);
    const lines = report.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('  service '))).toHaveLength(3000);
    expect(lines.at(-1)).toBe('0 valid, 3000 skipped; nothing written (--dry-run).');
  });

  it('says what is wrong with unreadable input or a crosswalk, and exits 2', async () => {
    const missing = await kaart('import', join(workDir, 'bestaat-niet.json'));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file or directory') });
    const badCrosswalk = await kaart('import', exampleFile('service_full'), '--crosswalk', exampleFile('service_list'));
    expect(badCrosswalk.code).toBe(2);
    expect(badCrosswalk.stderr).toContain('The crosswalk');
    expect(badCrosswalk.stderr).toContain('description');
  });
});

describe("the beheerder's import in the API", () => {
  it('checks first with dryRun, then imports the CSV package into their own region, refusing what it cannot read', async () => {
    const beheerder = await OverbrugClient.local(stack.endpoints, 'beheerder-kaart');
    const crosswalk = await readExamplesCrosswalk();
    const files = await readCsvExample();

    const checked = await beheerder.request('POST', '/kaart/import', { format: 'csv', files, crosswalk, dryRun: true });
    expect(checked.status).toBe(200);
    expect(checked.json).toMatchObject({ dryRun: true, imported: [{ serviceId: COMMUNITY_COUNSELLING.serviceId, result: 'checked' }] });
    expect(checked.json.skipped.length).toBe(2);

    const done = await beheerder.request('POST', '/kaart/import', { format: 'csv', files, crosswalk });
    expect(done.json.imported).toEqual([expect.objectContaining({ serviceId: COMMUNITY_COUNSELLING.serviceId, result: expect.stringMatching(/created|updated|unchanged/) })]);
    const entries = (await beheerder.request('GET', '/kaart?search=Community')).json.items as any[];
    expect(entries.map((entry) => entry.serviceId)).toContain(COMMUNITY_COUNSELLING.serviceId);

    // The check shows what each service would get and where from, and the source's vocabulary.
    expect(checked.json.preview).toEqual([
      expect.objectContaining({
        serviceId: COMMUNITY_COUNSELLING.serviceId,
        values: expect.objectContaining({ domains: ['mental-health'], area: { gemeenten: ['Rivierstad'] }, waitingWeeks: 2 }),
        from: expect.objectContaining({ domains: 'rule', area: 'rule', languages: 'source' }),
      }),
    ]);
    expect(checked.json).toMatchObject({ version: 'HSDS 3.1', vocabulary: { areas: [expect.objectContaining({ id: '381c64f1-a724-4884-9c21-ac96c21cca3e' })] } });

    const unreadable = await beheerder.request('POST', '/kaart/import', { format: 'json', document: { hello: 'world' }, crosswalk: { description: 1 } });
    expect(unreadable.status).toBe(400);
    expect(unreadable.json.errors.map((error: any) => error.path)).toContain('crosswalk.description');
    expect((await (await OverbrugClient.local(stack.endpoints, 'partner-de-brug')).request('POST', '/kaart/import', { format: 'csv', files })).status).toBe(403);
  });

  it('saves a crosswalk for the region, checked like one that is used, and gives it back for the next import', async () => {
    const beheerder = await OverbrugClient.local(stack.endpoints, 'beheerder-kaart');
    const crosswalk = JSON.parse(await readFile(EXAMPLES_CROSSWALK, 'utf8'));
    const id = `mycity-${crypto.randomUUID().slice(0, 8)}`;
    const saved = await beheerder.request('PUT', `/kaart/crosswalks/${id}`, crosswalk);
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ crosswalkId: id, crosswalk: { regionId: 'regio-voorbeeld', description: crosswalk.description } });
    const listed = await beheerder.request('GET', '/kaart/crosswalks');
    expect(listed.json.items).toContainEqual(expect.objectContaining({ crosswalkId: id, crosswalk: expect.objectContaining({ rules: crosswalk.rules }) }));

    const elsewhere = await beheerder.request('PUT', `/kaart/crosswalks/${id}`, { ...crosswalk, defaults: { area: { gemeenten: ['Amsterdam'] } } });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.errors).toEqual([{ path: 'serviceAreas', message: "De crosswalk noemt wat niet bij Regio Voorbeeld (fictief) hoort: gemeente 'Amsterdam'." }]);
    expect((await beheerder.request('PUT', '/kaart/crosswalks/Geen%20Naam', crosswalk)).status).toBe(400);
    expect((await beheerder.request('PUT', `/kaart/crosswalks/${id}`, { ...crosswalk, regionId: 'regio-elders' })).status).toBe(400);
    // Unchanged by the refusals.
    expect((await beheerder.request('GET', '/kaart/crosswalks')).json.items.find((item: { crosswalkId: string }) => item.crosswalkId === id).crosswalk.defaults).toBeUndefined();
    const partner = await OverbrugClient.local(stack.endpoints, 'partner-de-brug');
    expect((await partner.request('GET', '/kaart/crosswalks')).status).toBe(403);
    expect((await partner.request('PUT', `/kaart/crosswalks/${id}`, crosswalk)).status).toBe(403);
  });
});
