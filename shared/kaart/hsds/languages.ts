// Languages as directories give them: an ISO 639 code ("nld", "nl", "nl-NL"), or only a name
// ("Nederlands", "Spanish", "Polski"), as HSDS 2.0 did and HSDS 3.x still allows (a language needs
// no more than an id). Our entries keep ISO 639-1 codes where one exists, as referrals give them.

/** ISO 639-1 where one exists ("nld" → "nl"); undefined when this is no language code. */
export function canonicalLanguage(code: string): string | undefined {
  const trimmed = code.trim();
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(trimmed)) return byName(trimmed);
  try {
    const language = new Intl.Locale(Intl.getCanonicalLocales(trimmed.replace(/_/g, '-'))[0]!).language;
    if (/^[a-z]{2,3}$/.test(language) && displayName('nl', language)) return language;
  } catch {
    // Not a well-formed tag: maybe a name.
  }
  return byName(trimmed);
}

const displayName = (locale: string, code: string) => {
  const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
  return name && name.toLowerCase() !== code ? name : undefined;
};

/** Languages spoken in the Netherlands with no two-letter code. */
const THREE_LETTER = ['pap', 'prs', 'tzm', 'zgh', 'rif', 'fil', 'ckb', 'kmr', 'yue', 'hak', 'cmn'];
let names: Map<string, string> | undefined;

/** The code of a language name in Dutch, English or the language itself; built once, when first needed. */
function byName(name: string): string | undefined {
  if (!names) {
    names = new Map();
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const codes = [...[...letters].flatMap((a) => [...letters].map((b) => a + b)), ...THREE_LETTER];
    for (const locale of ['en', 'nl']) {
      for (const code of codes) {
        const known = displayName(locale, code);
        if (known && !names.has(known.toLowerCase())) names.set(known.toLowerCase(), code);
      }
    }
    for (const code of new Set(names.values())) {
      try {
        const own = displayName(code, code);
        if (own && !names.has(own.toLowerCase())) names.set(own.toLowerCase(), code);
      } catch {
        // No data for this locale.
      }
    }
  }
  return names.get(name.trim().toLowerCase());
}
