import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layers of docs/architecture.md, held by the imports themselves: domain ← use cases
// (shared/pipeline, shared/access) ← adapters and entry points. Imports are read with TypeScript's
// own parser (`ts.preProcessFile`), which sees `import type` and `export ... from` as well: a
// type-only import is an arrow too (it ties the domain to the module's shape all the same).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ALIASES: Record<string, string> = { '#shared/': 'shared/', '#functions/': 'functions/', '#events/': 'events/', '#local/': 'local/', '#web/': 'web/' };

/** The packages the domain may use: validation, phone numbers, the date of Easter. No AWS SDK, no Powertools. */
const DOMAIN_PACKAGES = ['zod', 'libphonenumber-js', 'date-easter'];

const tsFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [],
  );

/** What a file imports: repository paths (`shared/domain/x.ts`) for its own modules, the bare name for a package. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return importedFiles.map(({ fileName: spec }) => {
    const alias = Object.keys(ALIASES).find((prefix) => spec.startsWith(prefix));
    if (alias) return ALIASES[alias] + spec.slice(alias.length);
    if (spec.startsWith('.')) return relative(root, resolve(root, dirname(file), spec)).split(sep).join('/');
    return spec;
  });
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** The import cycles among `files` (strongly connected components of more than one file, or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm: one pass, every file and arrow once.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const to of graph.get(file) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || graph.get(file)!.includes(file)) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

const domain = new Map(tsFiles('shared/domain').map((file) => [file, importsOf(file)]));

describe('the layers', () => {
  it('finds the domain and reads its imports', () => {
    // A guard for the guard: a broken path or parser would make every rule below pass.
    expect(domain.size).toBeGreaterThan(30);
    expect(domain.get('shared/domain/referral.ts')).toContain('shared/domain/vocabulary.ts');
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  it('has no import cycle in the domain', () => {
    expect(cycles(domain)).toEqual([]);
  });

  it('keeps the domain free of everything outside it: no adapter, HTTP, use case, configuration or AWS SDK', () => {
    const outside = [...domain].flatMap(([file, imports]) =>
      imports
        .filter((to) => !to.startsWith('shared/domain/') && !DOMAIN_PACKAGES.includes(packageName(to)))
        .map((to) => `${file} → ${to}`),
    );
    expect(outside).toEqual([]);
  });

  it('keeps the use cases (shared/pipeline, shared/access) below HTTP', () => {
    const upward = [...tsFiles('shared/pipeline'), ...tsFiles('shared/access')].flatMap((file) =>
      importsOf(file)
        .filter((to) => to.startsWith('shared/http/'))
        .map((to) => `${file} → ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('types the pipeline against its ports (shared/pipeline/ports.ts), never an adapter class', () => {
    const concrete = tsFiles('shared/pipeline').flatMap((file) =>
      importsOf(file)
        .filter((to) => to.startsWith('shared/adapters/'))
        .map((to) => `${file} → ${to}`),
    );
    expect(concrete).toEqual([]);
  });

  it('builds every schema with zod/mini through shared/domain/zod.ts, which gives it its messages', () => {
    // The full zod API is about 70 KB in every bundle it reaches; one import of it anywhere brings it back.
    const production = ['shared', 'functions', 'events', 'web', 'local'].flatMap(tsFiles);
    expect(production.length).toBeGreaterThan(100);
    const direct = production
      .filter((file) => file !== 'shared/domain/zod.ts')
      .flatMap((file) => importsOf(file).filter((to) => packageName(to) === 'zod').map((to) => `${file} → ${to}`));
    expect(direct).toEqual([]);
  });

  it('loads the AWS SDK with require, through shared/adapters/aws-sdk.ts: imported, Node reads each package whole first', () => {
    const files = ['shared', 'functions'].flatMap(tsFiles).filter((file) => file !== 'shared/adapters/aws-sdk.ts');
    // Type-only imports cost nothing at run time; the SES and Cognito clients are imported when first used, not at a cold start.
    const imported = files.filter((file) => /^import (?!type\b)[^;]*from '@aws-sdk\//m.test(readFileSync(join(root, file), 'utf8')));
    expect(imported).toEqual([]);
  });

  it('leaves the Lambda scaffold to the entry points: no middy or batch processing in the use cases', () => {
    const scaffold = [...tsFiles('shared/pipeline'), ...tsFiles('shared/access')].flatMap((file) =>
      importsOf(file)
        .filter((to) => ['@middy/core', '@aws-lambda-powertools/batch'].includes(packageName(to)) || to.startsWith('@middy/'))
        .map((to) => `${file} → ${to}`),
    );
    expect(scaffold).toEqual([]);
  });
});
