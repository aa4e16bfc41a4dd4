// Bundles the CLI into one CommonJS file, dist/cli.cjs, with esbuild. CommonJS because Node's
// ESM loader alone costs ~15 ms of start-up that `node -e 0` never pays; modules reached through
// `await import()` (yaml, the live OCI adapter) are bundled as lazily initialised wrappers, and
// the oci-* SDK stays external, so offline commands never read it from disk.
//
// Every runtime dependency but the SDK is inside the bundle, so the published package has no
// dependencies to install (package.json lists them as devDependencies) and the SDK is an
// optional peer dependency that only the live commands load (src/sources/oci/sdk.ts). Their
// licences go with the bundle in dist/THIRD-PARTY-NOTICES.txt.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist', import.meta.url);
// Built beside dist/ and swapped in at the end, so a bin started meanwhile (a test run) never
// finds dist/ half written.
const staging = new URL(`../dist.building-${process.pid}`, import.meta.url);
rmSync(staging, { recursive: true, force: true });
// commander requires child_process at load time, for executable subcommands oke-cni does not
// have; loading it costs several ms of start-up. This stand-in loads it on first use only.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === 'lazy-child-process' ? { path: 'node:child_process', external: true } : { path: 'child_process', namespace: 'lazy-child-process' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: { cli: 'src/cli/run.ts' },
  outdir: staging.pathname,
  bundle: true,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  external: ['oci-*'],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow
  // (microsoft/node-jsonc-parser#57); its maintainers point bundlers at the ESM build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  plugins: [lazyChildProcess],
  // CommonJS has no import.meta: give the code that resolves packages from its own location
  // (createRequire(import.meta.url)) the bundle's URL.
  define: { __OKE_CNI_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__okeBundleUrl' },
  banner: { js: "var __okeBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  metafile: true,
});

// One entry per bundled package (name, version, licence, its LICENSE file's text), from the
// bundle's own inputs, so a dependency added later cannot be left out.
const packageDirs = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packageDirs.add(m[1]);
}
const notices = [...packageDirs].sort().map((dir) => {
  const meta = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = licenceFile ? readFileSync(`${dir}/${licenceFile}`, 'utf8').trim() : `(no licence file; package.json says ${meta.license})`;
  return `${meta.name} ${meta.version} (${meta.license})\n\n${text}\n`;
});
writeFileSync(
  new URL('THIRD-PARTY-NOTICES.txt', `${staging.href}/`),
  `oke-cni's dist/cli.cjs bundles these packages; their licences follow.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);

// The loader that compiles the bundle with V8's code cache, and the cache itself, made by one
// representative run (a plan) so the functions start-up needs are compiled in it.
copyFileSync(new URL('../src/cli/start.cjs', import.meta.url), new URL('start.cjs', `${staging.href}/`));
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);
const warm = spawnSync(
  process.execPath,
  ['bin/oke-cni.js', 'plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--nodes', '20', '--pod-subnet', '10.0.64.0/18'],
  { cwd: new URL('..', import.meta.url), env: { ...process.env, OKE_CNI_WRITE_CODE_CACHE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (warm.status !== 0) throw new Error(`writing the code cache failed: the warm-up plan exited ${warm.status}`);
