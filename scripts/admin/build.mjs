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

// Line endings. The CMS turns CRLF into LF before it hands a file to a custom format, and
// ends what the format writes with LF: a file saved on Windows would be rewritten whole by
// an unchanged save. These two edits of the pinned package give our format the file as it
// is and keep the line ending it writes; the build fails if the package no longer has them.
const lineEndingPatches = [
  {
    // parseEntryFile: `e=e.trim().replace(/\r\n?/g,"\n");…c=customFormats.get(s)?.parser;if(c)return c(e);`
    // (the minified package writes that "\n" as a real line break)
    pattern: /(\w+)=\1\.trim\(\)\.replace\(\/\\r\\n\?\/g,`\n`\);(.{0,200}?(\w+)=\w+\.get\(\w+\)\?\.parser;if\(\3\)return \3\()\1\)/s,
    replace: (_, text, middle) => `const showcaseRaw=${text};`
      + `${text}=${text}.trim().replace(/\\r\\n?/g,\`\n\`);${middle}showcaseRaw.trim())`,
  },
  {
    // formatEntryFile: `if(i)return\`${(await i(e)).trim()}\n\`;`
    pattern: /if\((\w+)\)return`\$\{\(await \1\((\w+)\)\)\.trim\(\)\}\\n`;/,
    replace: (_, format, content) => `if(${format}){const showcaseText=(await ${format}(${content})).trim();`
      + `return showcaseText.includes('\\r\\n')?\`\${showcaseText}\\r\\n\`:\`\${showcaseText}\\n\`}`,
  },
];
const patched = new Set();

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
      let contents = source
        .replaceAll('`../assets/', '`assets/')
        .replaceAll('import.meta.url', 'globalThis.__showcaseCmsBase');
      lineEndingPatches.forEach(({ pattern, replace }, index) => {
        if (pattern.test(contents)) {
          contents = contents.replace(pattern, replace);
          patched.add(index);
        }
      });
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
if (patched.size !== lineEndingPatches.length) {
  throw new Error('@sveltia/cms a changé : les retouches des fins de ligne (build.mjs) ne '
    + 's\'appliquent plus ; adaptez-les à la version épinglée.');
}
await cp(join(sveltia, 'npm', 'assets'), join(out, 'assets'), { recursive: true });
await cp(join(sveltia, 'LICENSE.txt'), join(out, 'LICENSE-sveltia-cms.txt'));
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`formulaire /admin/ : ${Object.keys(result.metafile.outputs).length} fichiers, `
  + `${(bytes / 1e6).toFixed(1)} Mo, dans ${out}`);
