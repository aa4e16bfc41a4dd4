// Bundles the CLI into one CommonJS file, dist/cli.cjs, with esbuild. CommonJS because Node's
// ESM loader alone costs ~15 ms of start-up that `node -e 0` never pays; modules reached through
// `await import()` (yaml, the live OCI adapter) are bundled as lazily initialised wrappers, and
// the oci-* SDK stays external, so offline commands never read it from disk.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/run.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  external: ['oci-*'],
  define: { __OKE_CNI_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
