import type { HsdsService } from './schema.ts';
import { toTables, writeCsvPackage } from './tabular.ts';
import { toHsdsService, type PublishedService } from './to-hsds.ts';

// The sociale kaart as HSDS 3.1 files: a JSON array of full services, or the CSV data package.

export const exportHsdsJson = (services: readonly PublishedService[], asOf: Date): HsdsService[] => services.map((service) => toHsdsService(service, asOf));

/** The CSV data package: file name → contents, datapackage.json included. */
export function exportHsdsCsv(services: readonly PublishedService[], asOf: Date): Record<string, string> {
  return writeCsvPackage(toTables(exportHsdsJson(services, asOf)), {
    name: 'overbrug-sociale-kaart',
    title: 'Sociale kaart (Overbrug), HSDS 3.1',
    description: 'Diensten op de sociale kaart, als Open Referral HSDS 3.1 tabular data package. Overbrug-taxonomieën: zie docs/sociale-kaart.md.',
  });
}
