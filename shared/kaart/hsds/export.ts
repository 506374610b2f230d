import type { HsdsService } from './schema.ts';
import { toTables, writeCsvPackage } from './tabular.ts';
import { toHsdsService, type PublishedService } from './to-hsds.ts';

// The sociale kaart as HSDS 3.1 files: a JSON array of full services, or the CSV data package.
// Both validate against the HSDS schemas: what a source gave incompletely (an address without a
// province) stays with the entry but is left out, and counted in `left` for the export to say.

export const exportHsdsJson = (services: readonly PublishedService[], asOf: Date, left?: Map<string, number>): HsdsService[] =>
  services.map((service) => toHsdsService(service, asOf, left));

/** The CSV data package: file name → contents, datapackage.json included. */
export function exportHsdsCsv(services: readonly PublishedService[], asOf: Date, left?: Map<string, number>): Record<string, string> {
  return writeCsvPackage(toTables(exportHsdsJson(services, asOf, left) as unknown as Record<string, unknown>[]), {
    name: 'overbrug-sociale-kaart',
    title: 'Sociale kaart (Overbrug), HSDS 3.1',
    description: 'Diensten op de sociale kaart, als Open Referral HSDS 3.1 tabular data package. Overbrug-taxonomieën: zie docs/sociale-kaart.md.',
  });
}

/** What an export left out, in one sentence, or nothing. */
export function leftOutNotice(left: ReadonlyMap<string, number>): string | undefined {
  if (!left.size) return undefined;
  return `Niet geëxporteerd, want onvolledig volgens HSDS 3.1 (een verplicht veld ontbreekt; de kaart bewaart ze wel): ${[...left].map(([type, count]) => `${count} × ${type}`).join(', ')}.`;
}
