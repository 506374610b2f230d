import * as z from '../../domain/zod.ts';

// The body of POST /kaart/import, for the API that checks it and the web app that builds it from the
// files a beheerder chooses. Light on purpose (zod/mini only): the web app imports it.

/** Lambda takes at most 6 MB in a request; a region's whole kaart is far less. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The files of a CSV data package by name: `services.csv`, `datapackage.json`. */
export const IMPORT_FILE_NAME = /^[\w.-]+\.(csv|json)$/;

export const ImportRequestSchema = z.union([
  z.strictObject({ format: z.literal('json'), document: z.unknown(), crosswalk: z.optional(z.unknown()), dryRun: z.optional(z.boolean()) }),
  z.strictObject({
    format: z.literal('csv'),
    files: z.record(z.string().check(z.regex(IMPORT_FILE_NAME, { error: 'File names like services.csv or datapackage.json' })), z.string()),
    crosswalk: z.optional(z.unknown()),
    dryRun: z.optional(z.boolean()),
  }),
]);
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

/** A saved crosswalk's name (`PUT /kaart/crosswalks/{crosswalkId}`). */
export const CROSSWALK_ID = /^[a-z0-9][a-z0-9-]{1,60}$/;

/** What a check shows of each service it would import, field by field with where it came from. */
export const PREVIEW_FIELDS = [
  'domains',
  'category',
  'functies',
  'area',
  'languages',
  'channels',
  'ageRange',
  'capacity',
  'waitingWeeks',
  'referralNeeded',
  'cost',
  'funding',
  'bridging',
  'active',
  'contact',
  'lastVerified',
] as const;
