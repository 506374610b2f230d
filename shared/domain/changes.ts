/** The fields that differ between two versions of a record, each with before and after. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): Record<string, { from?: unknown; to?: unknown }> {
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = { ...(before[field] !== undefined ? { from: before[field] } : {}), ...(after[field] !== undefined ? { to: after[field] } : {}) };
    }
  }
  return changes;
}
