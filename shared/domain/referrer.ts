import { REFERRER_KIND_LABELS, type ReferrerKind } from './vocabulary.ts';

/** The referrer's name with their kind, unless the name says it already ("J. Visser (POH-ggz)"). */
export function referrerName(referrer: { name: string; kind: ReferrerKind }): string {
  const kind = REFERRER_KIND_LABELS[referrer.kind];
  return referrer.name.toLocaleLowerCase('nl').includes(kind.toLocaleLowerCase('nl')) ? referrer.name : `${referrer.name} (${kind})`;
}
