import {
  CHANNEL_LABELS,
  CHANNELS,
  COST_LABELS,
  COSTS,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  FUNCTIES,
  LEVENSDOMEIN_INFO,
  LEVENSDOMEINEN,
  POSITIVE_HEALTH_DIMENSIONS,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
  type PositiveHealthDimension,
} from '../../domain/vocabulary.ts';
import { hsdsId } from './ids.ts';
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from './schema.ts';

// Overbrug's own HSDS taxonomies: what our model has and HSDS has no field for. Every taxonomy and
// term has a stable UUID (ids.ts), so other directories can filter on them (`taxonomy_term_id`) and
// an import recognises them without a crosswalk. docs/sociale-kaart.md lists them all.

const DIMENSION_LABELS: Record<PositiveHealthDimension, string> = {
  lichaamsfuncties: 'lichaamsfuncties',
  'mentaal-welbevinden': 'mentaal welbevinden',
  zingeving: 'zingeving',
  'kwaliteit-van-leven': 'kwaliteit van leven',
  meedoen: 'meedoen',
  'dagelijks-functioneren': 'dagelijks functioneren',
};

/** Our properties without an HSDS field: flags (present when true) and valued attributes. */
export const KENMERKEN = {
  'dienst-id': 'Overbrug-id van de dienst (waarde)',
  regio: 'regio van de sociale kaart (waarde: regio-id)',
  wachtlijstoverbrugging: 'wachtlijstoverbrugging: neemt cliënten aan terwijl ze op ggz wachten',
  'in-groepen': 'het aanbod werkt in groepen (cursus, groep, dagprogramma)',
  'verwijzing-nodig': 'alleen met verwijzing (huisarts, POH-ggz of wijkteam)',
  'wachttijd-weken': 'huidige wachttijd in weken (waarde)',
  'financiering-tot': 'einddatum van de financiering (waarde: JJJJ-MM-DD)',
} as const;
export type Kenmerk = keyof typeof KENMERKEN;

export const TAXONOMY_KEYS = ['levensdomeinen', 'positieve-gezondheid', 'functies', 'categorieen', 'kanalen', 'kosten', 'financiering', 'kenmerken'] as const;
export type TaxonomyKey = (typeof TAXONOMY_KEYS)[number];

interface OurTaxonomy {
  name: string;
  description: string;
  terms: { code: string; name: string; description: string }[];
}

export const TAXONOMIES: Record<TaxonomyKey, OurTaxonomy> = {
  levensdomeinen: {
    name: 'Overbrug levensdomeinen',
    description: 'De 13 levensdomeinen van het landelijke EPA-panel. Waarde van het attribuut: de rangorde (1 = hoofddomein van de dienst).',
    terms: LEVENSDOMEINEN.map((code) => ({
      code,
      name: LEVENSDOMEIN_INFO[code].label,
      description: `Levensdomein ${LEVENSDOMEIN_INFO[code].label}; dimensie van positieve gezondheid: ${DIMENSION_LABELS[LEVENSDOMEIN_INFO[code].dimension]}.`,
    })),
  },
  'positieve-gezondheid': {
    name: 'Overbrug positieve gezondheid',
    description: 'De zes dimensies van positieve gezondheid, afgeleid uit de levensdomeinen van de dienst (alleen bij export; een import leest de levensdomeinen).',
    terms: POSITIVE_HEALTH_DIMENSIONS.map((code) => ({ code, name: DIMENSION_LABELS[code], description: `Dimensie ${DIMENSION_LABELS[code]} van positieve gezondheid.` })),
  },
  functies: {
    name: 'Overbrug functies (Regiobeeld)',
    description: 'De acht functies van het Regiobeeld die een aanbod vervult.',
    terms: Object.entries(FUNCTIES).map(([code, name]) => ({ code, name, description: `Functie ${code}: ${name}.` })),
  },
  categorieen: {
    name: 'Overbrug soort aanbod',
    description: 'Wat voor aanbod de dienst is; de matching van Overbrug verwijst naar deze soorten.',
    terms: SERVICE_CATEGORIES.map((code) => ({ code, name: SERVICE_CATEGORY_LABELS[code], description: `Soort aanbod: ${SERVICE_CATEGORY_LABELS[code]}.` })),
  },
  kanalen: {
    name: 'Overbrug kanalen',
    description: 'Hoe de dienst met cliënten werkt: telefoon, post, persoonlijk, online. Geen app vereist.',
    terms: CHANNELS.map((code) => ({ code, name: CHANNEL_LABELS[code], description: `Bereikbaar via ${CHANNEL_LABELS[code]}.` })),
  },
  kosten: {
    name: 'Overbrug kosten voor de cliënt',
    description: 'Wat de dienst de cliënt kost.',
    terms: COSTS.map((code) => ({ code, name: COST_LABELS[code], description: `Kosten voor de cliënt: ${COST_LABELS[code]}.` })),
  },
  financiering: {
    name: 'Overbrug financiering',
    description: 'Uit welk domein de dienst betaald wordt.',
    terms: FUNDING_SOURCES.map((code) => ({ code, name: FUNDING_LABELS[code], description: `Gefinancierd uit: ${FUNDING_LABELS[code]}.` })),
  },
  kenmerken: {
    name: 'Overbrug kenmerken',
    description: 'Gegevens van een dienst waar HSDS geen veld voor heeft. Vlaggen staan er alleen bij als ze gelden; de andere dragen hun waarde in het attribuut.',
    terms: Object.entries(KENMERKEN).map(([code, description]) => ({ code, name: code, description })),
  },
};

export const taxonomyId = (key: TaxonomyKey) => hsdsId('taxonomy', key);

// Ids are hashes; the API filters on them per request, so each is computed once.
const termIds = new Map<string, string>();
export function termId(key: TaxonomyKey, code: string): string {
  const name = `${key}/${code}`;
  let id = termIds.get(name);
  if (!id) termIds.set(name, (id = hsdsId('taxonomy', key, code)));
  return id;
}

export function hsdsTaxonomy(key: TaxonomyKey): HsdsTaxonomy {
  const { name, description } = TAXONOMIES[key];
  return { id: taxonomyId(key), name, description, version: '1' };
}

export function hsdsTerm(key: TaxonomyKey, code: string): HsdsTaxonomyTerm {
  const term = TAXONOMIES[key].terms.find((candidate) => candidate.code === code);
  if (!term) throw new Error(`No term ${code} in taxonomy ${key}`);
  return {
    id: termId(key, code),
    code,
    name: term.name,
    description: term.description,
    taxonomy: TAXONOMIES[key].name,
    taxonomy_id: taxonomyId(key),
    taxonomy_detail: hsdsTaxonomy(key),
    language: 'nl',
  };
}

/** Every term of ours by its id: how an import recognises Overbrug data. */
export const OUR_TERMS: ReadonlyMap<string, { taxonomy: TaxonomyKey; code: string }> = new Map(
  TAXONOMY_KEYS.flatMap((taxonomy) => TAXONOMIES[taxonomy].terms.map((term) => [termId(taxonomy, term.code), { taxonomy, code: term.code }] as const)),
);

export const OUR_TAXONOMY_IDS: ReadonlySet<string> = new Set(TAXONOMY_KEYS.map(taxonomyId));
