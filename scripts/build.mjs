// Builds the extension into dist/chrome/ and dist/firefox/ (unpacked).
//   node scripts/build.mjs [--production]
// Development builds carry source maps; production builds are minified without them.
import * as esbuild from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = ['chrome', 'firefox'];
const staging = join(root, 'dist', '.staging');

function commonOptions(production) {
  return {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    target: ['chrome120', 'firefox128'],
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    absWorkingDir: root,
    // kdbxweb (KDBX 3.x import) names Node's crypto but uses WebCrypto in browsers.
    alias: { crypto: './src/vault/formats/kdbx/no-node-crypto.ts' },
  };
}

// Scripts the browser loads as classic scripts: the service worker / event page
// and the content scripts must not depend on module loading.
const classicScripts = (common) => ({
  ...common,
  format: 'iife',
  outdir: staging,
  entryPoints: [
    { in: 'src/background/index.ts', out: 'background' },
    { in: 'src/content/index.ts', out: 'content' },
    { in: 'src/passkeys/page-script.ts', out: 'page' },
    { in: 'src/offscreen/clipboard.ts', out: 'offscreen/clipboard' },
  ],
});

// The content script's main part is an ES module the bootstrap imports on demand.
const contentMain = (common) => ({
  ...common,
  format: 'esm',
  outdir: staging,
  entryPoints: [
    { in: 'src/content/main.ts', out: 'content-main' },
    // The passkey bridge's logic, loaded by the bootstrap on a page's first WebAuthn call.
    { in: 'src/passkeys/bridge.ts', out: 'passkey-main' },
  ],
});

// Extension pages are ES modules, so heavy parts (zxcvbn) split into chunks loaded on demand.
const extensionPages = (common) => ({
  ...common,
  format: 'esm',
  splitting: true,
  outdir: staging,
  chunkNames: 'chunks/[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryPoints: [
    { in: 'src/popup/index.tsx', out: 'popup/popup' },
    { in: 'src/ui/menu/index.tsx', out: 'ui/menu' },
    { in: 'src/ui/prompt/index.tsx', out: 'ui/prompt' },
    { in: 'src/ui/passkey/index.tsx', out: 'ui/passkey' },
  ],
});

const STATIC_FILES = [
  ['src/popup/popup.html', 'popup/popup.html'],
  ['src/popup/popup.css', 'popup/popup.css'],
  ['src/ui/menu/menu.html', 'ui/menu.html'],
  ['src/ui/menu/menu.css', 'ui/menu.css'],
  ['src/ui/prompt/prompt.html', 'ui/prompt.html'],
  ['src/ui/passkey/passkey.html', 'ui/passkey.html'],
  ['src/offscreen/clipboard.html', 'offscreen/clipboard.html'],
  ['assets', 'assets'],
];

async function manifestFor() {
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  manifest.version = version;
  return manifest;
}

/**
 * The one manifest, adjusted per browser. Firefox has no offscreen documents (its event
 * page has a DOM of its own) and would warn about the permission. Chrome serves the
 * in-page resources only at a URL that changes every session (use_dynamic_url), so a
 * page cannot probe for Latchkey at a fixed address; Firefox's moz-extension host is
 * already random per install.
 */
function forTarget(manifest, target) {
  if (target !== 'firefox') {
    return { ...manifest, web_accessible_resources: manifest.web_accessible_resources.map((entry) => ({ ...entry, use_dynamic_url: true })) };
  }
  return { ...manifest, permissions: manifest.permissions.filter((permission) => permission !== 'offscreen') };
}

export async function build({ production = false } = {}) {
  const started = performance.now();
  const common = commonOptions(production);
  await rm(staging, { recursive: true, force: true });
  await Promise.all([esbuild.build(classicScripts(common)), esbuild.build(contentMain(common)), esbuild.build(extensionPages(common))]);
  for (const [from, to] of STATIC_FILES) {
    await mkdir(dirname(join(staging, to)), { recursive: true });
    await cp(join(root, from), join(staging, to), { recursive: true });
  }
  const manifest = await manifestFor();
  for (const target of TARGETS) {
    const out = join(root, 'dist', target);
    await rm(out, { recursive: true, force: true });
    await cp(staging, out, { recursive: true });
    await writeFile(join(out, 'manifest.json'), JSON.stringify(forTarget(manifest, target), null, 2));
  }
  await rm(staging, { recursive: true, force: true });
  const mode = production ? 'production' : 'development';
  console.log(`Built ${mode} extension in ${Math.round(performance.now() - started)} ms: dist/chrome, dist/firefox`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build({ production: process.argv.includes('--production') }).catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
