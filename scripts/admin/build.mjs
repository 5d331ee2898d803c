// Bundles the editor from the npm packages into docs/admin/cms/ (or the folder given).
// Sveltia's ready-made dist file loads its fonts and translations from a public CDN; its
// npm build imports them as files, which this build serves from our own site.
import { cp, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', '..', 'docs', 'admin', 'cms'));
const sveltia = join(here, 'node_modules', '@sveltia', 'cms');

const localFiles = {
  name: 'sveltia-local-files',
  setup(build) {
    // Code highlighting for code blocks, which the story does not allow: hundreds of
    // grammar files we neither need nor want to publish.
    build.onResolve({ filter: /^@shikijs\/(langs|themes)\// }, (args) => ({
      path: 'none', namespace: 'no-highlighting',
    }));
    build.onLoad({ filter: /.*/, namespace: 'no-highlighting' }, () => ({
      contents: 'export default [];', loader: 'js',
    }));
    // The package finds its assets (fonts, WebAssembly, workers) next to its own file; once
    // bundled, they are next to ours: one base for every chunk, set by start.js.
    build.onLoad({ filter: /@sveltia[\\/]cms[\\/]npm[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('`../assets/', '`assets/')
        .replaceAll('import.meta.url', 'globalThis.__showcaseCmsBase');
      return { contents, loader: 'js' };
    });
  },
};

await rm(out, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: { cms: join(here, 'src', 'main.js') },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.json': 'json', '.woff2': 'file', '.wasm': 'file', '.png': 'file' },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [localFiles],
});
await cp(join(sveltia, 'npm', 'assets'), join(out, 'assets'), { recursive: true });
await cp(join(sveltia, 'LICENSE.txt'), join(out, 'LICENSE-sveltia-cms.txt'));
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`formulaire /admin/ : ${Object.keys(result.metafile.outputs).length} fichiers, `
  + `${(bytes / 1e6).toFixed(1)} Mo, dans ${out}`);
