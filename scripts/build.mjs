// Bundles the CLI into dist/ with esbuild: one small entry chunk for fast start-up, heavy or
// rarely used modules (yaml, the live OCI code) split into chunks loaded on demand, and the
// oci-* SDK left external so offline commands never read it from disk.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/run.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  external: ['oci-*'],
  define: { __OKE_CNI_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __okeCreateRequire } from 'node:module'; const require = __okeCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
