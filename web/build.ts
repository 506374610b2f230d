// Builds the web app: Preact + TypeScript bundled by esbuild into static files (index.html, hashed
// assets). The local runtime builds it in memory at start-up (local/web-host.ts); the CDK stack
// builds it into a directory at synth and uploads that to S3. `npm run build:web` writes web/dist.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { publicRegion, type PublicRegion } from '#shared/domain/public-region.ts';
import { REGIONS } from '#shared/regions/index.ts';
import { HASHED_ASSETS_DIR } from './caching.ts';

const WEB_ROOT = fileURLToPath(new URL('.', import.meta.url));
const SOURCE = join(WEB_ROOT, 'src');
/** esbuild needs an output directory to name files even when it writes nothing. */
const VIRTUAL_OUT = join(WEB_ROOT, '.out');

export interface BuildWebAppOptions {
  /** Where to write the app; emptied first. */
  outDir: string;
  /** Minify scripts and styles (default true). */
  minify?: boolean;
}

export interface WebAppFile {
  /** Relative to the site root, e.g. `index.html`, `assets/app-5LQ3X2.js`. */
  path: string;
  contents: Uint8Array;
  contentType: string;
}

export interface WebAppBundle {
  files: WebAppFile[];
  /** The entry script and stylesheet index.html loads. */
  entry: { script: string; stylesheet: string };
}

export interface BuiltWebApp extends WebAppBundle {
  outDir: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (path: string) => CONTENT_TYPES[/\.[a-z]+$/.exec(path)?.[0] ?? ''] ?? 'application/octet-stream';

/**
 * The regions the app knows before it asks the API (`GET /regions`), and if it cannot: the built-in
 * ones of shared/regions, the same configuration the functions start with.
 */
export function publicRegions(): PublicRegion[] {
  return REGIONS.map(publicRegion);
}

/**
 * Each role's pages are a folder `web/src/pages/<name>/` with a `routes.ts` (and optionally a
 * `styles.css`): the build finds them, so adding a role's pages is adding files.
 */
async function pageModules(): Promise<{ routes: string[]; styles: string[] }> {
  const folders = (await readdir(join(SOURCE, 'pages'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const routes: string[] = [];
  const styles: string[] = [];
  for (const folder of folders) {
    const files = await readdir(join(SOURCE, 'pages', folder));
    const routesFile = files.find((file) => /^routes\.tsx?$/.test(file));
    if (routesFile) routes.push(join(SOURCE, 'pages', folder, routesFile));
    if (files.includes('styles.css')) styles.push(join(SOURCE, 'pages', folder, 'styles.css'));
  }
  return { routes, styles };
}

const virtualModules: esbuild.Plugin = {
  name: 'overbrug-virtual-modules',
  setup(build) {
    build.onResolve({ filter: /^overbrug:(pages|regions)$/ }, (args) => ({ path: args.path, namespace: 'overbrug' }));
    build.onLoad({ filter: /.*/, namespace: 'overbrug' }, async (args) => {
      if (args.path === 'overbrug:regions') return { contents: `export default ${JSON.stringify(publicRegions())};`, loader: 'js' };
      const { routes, styles } = await pageModules();
      const contents = [
        ...styles.map((file) => `import ${JSON.stringify(file)};`),
        ...routes.map((file, index) => `import { routes as routes${index} } from ${JSON.stringify(file)};`),
        `export default [${routes.map((_, index) => `...routes${index}`).join(', ')}];`,
      ].join('\n');
      return { contents, loader: 'js', resolveDir: SOURCE, watchFiles: [...routes, ...styles] };
    });
  },
};

/**
 * zod re-exports its 50-odd message locales (`z.locales`, `z.core.locales`): code that uses the
 * namespace as a value (`import { z } from 'zod'`, passing `z` around, `z.core.X`) keeps all of
 * them, about 255 KB. Our schemas go through shared/domain/zod.ts with plain `z.name(...)` calls,
 * which esbuild shakes to the English messages alone (zod.ts imports en.js directly, which this
 * leaves alone), so today this strips nothing; it keeps one such import from costing the app 255 KB.
 */
const withoutZodLocales: esbuild.Plugin = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'overbrug-empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'overbrug-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

function indexHtml(template: string, entry: WebAppBundle['entry'], preload: string[]): string {
  const head = [
    `<link rel="stylesheet" href="/${entry.stylesheet}">`,
    `<link rel="preload" href="/config.json" as="fetch" crossorigin="anonymous">`,
    ...preload.map((path) => `<link rel="modulepreload" href="/${path}">`),
    `<script type="module" src="/${entry.script}"></script>`,
  ].join('\n    ');
  return template.replace('<!-- overbrug:head -->', head);
}

/** Bundles the app in memory: what the local runtime serves. */
export async function bundleWebApp({ minify = true }: { minify?: boolean } = {}): Promise<WebAppBundle> {
  const result = await esbuild.build({
    absWorkingDir: resolve(WEB_ROOT, '..'),
    entryPoints: { app: join(SOURCE, 'main.tsx') },
    // Every name under assets/ carries its content's hash: browsers keep those files a year (web/caching.ts).
    outdir: join(VIRTUAL_OUT, HASHED_ASSETS_DIR),
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox115', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [virtualModules, withoutZodLocales],
  });
  const outputs = result.metafile!.outputs;
  const toPath = (absolute: string) => relative(VIRTUAL_OUT, resolve(WEB_ROOT, '..', absolute)).split('\\').join('/');
  const entryOutput = Object.entries(outputs).find(([, output]) => output.entryPoint?.endsWith('main.tsx'))!;
  const entry = { script: toPath(entryOutput[0]), stylesheet: toPath(entryOutput[1].cssBundle!) };
  const preload = entryOutput[1].imports.filter((imported) => imported.kind === 'import-statement').map((imported) => toPath(imported.path));

  const files: WebAppFile[] = result.outputFiles.map((file) => {
    const path = relative(VIRTUAL_OUT, file.path).split('\\').join('/');
    return { path, contents: file.contents, contentType: contentTypeOf(path) };
  });
  const template = await readFile(join(SOURCE, 'index.html'), 'utf8');
  const encoder = new TextEncoder();
  files.push({ path: 'index.html', contents: encoder.encode(indexHtml(template, entry, preload)), contentType: contentTypeOf('index.html') });
  files.push({ path: 'favicon.svg', contents: await readFile(join(SOURCE, 'favicon.svg')), contentType: contentTypeOf('favicon.svg') });
  return { files, entry };
}

/**
 * Builds the app into `outDir` (emptied first): index.html, favicon.svg and assets/ with hashed
 * names. `/config.json` is not part of it: each environment serves its own (see web/config.ts).
 */
export async function buildWebApp({ outDir, minify = true }: BuildWebAppOptions): Promise<BuiltWebApp> {
  const bundle = await bundleWebApp({ minify });
  // Emptying a directory is only safe when it holds an earlier build (or nothing).
  const existing = await readdir(outDir).catch(() => [] as string[]);
  if (existing.length && !existing.includes('index.html')) throw new Error(`${outDir} is not empty and holds no earlier build of the web app; refusing to empty it`);
  await rm(outDir, { recursive: true, force: true });
  for (const file of bundle.files) {
    const target = join(outDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
  return { ...bundle, outDir };
}

// `npm run build:web [-- <outDir>]`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(WEB_ROOT, 'dist'));
  const started = performance.now();
  const built = await buildWebApp({ outDir });
  const bytes = built.files.filter((file) => !file.path.endsWith('.map')).reduce((sum, file) => sum + file.contents.byteLength, 0);
  console.log(`Built the web app into ${outDir}: ${built.files.length} files, ${(bytes / 1024).toFixed(0)} KB without source maps, in ${Math.round(performance.now() - started)} ms`);
}
