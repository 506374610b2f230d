// The access log as a CSV file for Dutch Excel, made in the browser from the pages the API gave
// (every page fetched is logged as the privacy officer's use). As the manager's export: ";" between
// fields, a byte order mark, CRLF, formulas escaped. Loaded only when the officer downloads.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { AuditItem } from '#shared/domain/access-audit.ts';
import { CSV_COLUMNS, csvRecords } from './access-log-model.ts';

export const accessLogCsv = (items: readonly AuditItem[]) =>
  stringify([CSV_COLUMNS, ...csvRecords(items)], { delimiter: ';', bom: true, record_delimiter: 'windows', escape_formulas: true });
