import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A static file of the pages, read once at start. */
export interface PageAsset {
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The files under `assets/pages/` of the package, served at `/assets/<name>`. */
const PAGE_FILES = [
  'overview.html',
  'detail.html',
  'pages.css',
  'app.js',
  'format.js',
  'charts.js',
  'tables.js',
  'icon.svg',
];

/**
 * Loads the pages' files: the package's `assets/pages/` and uPlot's script and stylesheet from
 * its npm package. Read once, so a rebuild or a deploy under a running exporter changes nothing
 * it serves.
 *
 * @throws when a file is missing (a broken install must not start with blank pages).
 */
export function loadPageAssets(): Map<string, PageAsset> {
  const root = packageRoot();
  const assets = new Map<string, PageAsset>();
  for (const name of PAGE_FILES) assets.set(name, read(join(root, 'assets', 'pages', name)));
  const require = createRequire(join(root, 'package.json'));
  assets.set('uPlot.iife.min.js', read(require.resolve('uplot/dist/uPlot.iife.min.js')));
  assets.set('uPlot.min.css', read(require.resolve('uplot/dist/uPlot.min.css')));
  return assets;
}

function read(path: string): PageAsset {
  const extension = path.slice(path.lastIndexOf('.'));
  return { contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream', body: readFileSync(path) };
}

/** The exporter package's directory: the nearest one above this module with the package's assets. */
function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'assets', 'pages')) && existsSync(join(directory, 'package.json')))
      return directory;
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error('cannot find the exporter package with its assets/pages folder');
    directory = parent;
  }
}
