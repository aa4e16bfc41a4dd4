// Bundles the CLI with esbuild into dist/cli.cjs and the chunks it loads on demand,
// dist/chunks/*.cjs. Start-up time is what shapes this layout:
// - CommonJS, because Node's ESM loader alone costs ~15 ms of start-up that `node -e 0` never pays.
// - Split at every `await import()`: a command reads, compiles and runs only the code it uses
//   (`plan` does not read the YAML parser, the rules or the live OCI adapter). esbuild splits
//   only ESM output, so the split is built as ESM first and each file is then converted to
//   CommonJS (`import()` becomes a `require()` of the chunk), source maps chained through both.
// - A V8 code cache per file, written by warm-up runs (below) and used by dist/start.cjs.
// - The oci-* SDK stays external, so offline commands never read it from disk.
//
// Every runtime dependency but the SDK is inside the bundle, so the published package has no
// dependencies to install (package.json lists them as devDependencies) and the SDK is an
// optional peer dependency that only the live commands load (src/sources/oci/sdk.ts). Their
// licences go with the bundle in dist/THIRD-PARTY-NOTICES.txt.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = new URL('../dist', import.meta.url);
// Built beside dist/ and swapped in at the end, so a bin started meanwhile (a test run) never
// finds dist/ half written. The ESM split is an intermediate step, never shipped.
const staging = new URL(`../dist.building-${process.pid}`, import.meta.url);
const esmDir = new URL(`../dist.building-${process.pid}-esm`, import.meta.url);
rmSync(staging, { recursive: true, force: true });
rmSync(esmDir, { recursive: true, force: true });

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

// chalk detects colour support when it loads, for its default instances, reading node:tty and
// node:os (several ms of start-up). oke-cni never uses those instances: it decides colour itself
// (src/cli/io.ts, NO_COLOR and FORCE_COLOR included) and gives every Chalk it makes its level
// (src/report/style.ts). So chalk's detection is replaced by "none detected".
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'chalk-without-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'chalk-without-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

const result = await build({
  entryPoints: { cli: 'src/cli/run.ts' },
  absWorkingDir: root,
  outdir: fileURLToPath(esmDir),
  bundle: true,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  external: ['oci-*'],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow
  // (microsoft/node-jsonc-parser#57); its maintainers point bundlers at the ESM build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  plugins: [lazyChildProcess, chalkWithoutDetection],
  // The output runs as CommonJS, which has no import.meta. import.meta.url is only ever passed to
  // createRequire, to resolve packages from the bundle's location (src/sources/oci/sdk.ts finds the
  // SDK so), and createRequire takes the file's path as well: the CommonJS __filename, a file in
  // dist/, from which packages resolve as from the bundle.
  define: { __OKE_CNI_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__filename' },
  logLevel: 'warning',
  metafile: true,
});

// Each ESM file to CommonJS. esbuild reads each input's source map and chains it, so the maps
// still point into src/. The chunks cli.js imports statically load with it on every run anyway:
// they go into cli.cjs (one file to read and compile instead of a score), which hands them to
// the other chunks as __okeSharedChunks. Every other import stays an import, now a require() of
// the file renamed .cjs (or of Node's module).
const esmRoot = fileURLToPath(esmDir);
const outputOf = (file) => relative(esmRoot, join(root, file));
const importsOf = new Map(Object.entries(result.metafile.outputs).map(([file, out]) => [outputOf(file), out.imports]));
const shared = new Set();
for (const pending = ['cli.js']; pending.length > 0; ) {
  for (const imp of importsOf.get(pending.pop()) ?? []) {
    const target = imp.external ? undefined : outputOf(imp.path);
    if (imp.kind !== 'import-statement' || target === undefined || shared.has(target)) continue;
    shared.add(target);
    pending.push(target);
  }
}
const SHARED_NAMESPACE = 'oke-shared-chunk';
function linkChunks(bundleShared) {
  return {
    name: 'link-chunks',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.namespace === SHARED_NAMESPACE || !args.path.startsWith('.')) return { path: args.path, external: true };
        const target = relative(esmRoot, join(args.resolveDir, args.path));
        if (target === 'cli.js' || shared.has(target)) return bundleShared ? undefined : { path: target, namespace: SHARED_NAMESPACE };
        // cli.cjs sits one level above the chunks/ of the modules it took in.
        return { path: bundleShared ? `./${target.replace(/\.js$/, '.cjs')}` : args.path.replace(/\.js$/, '.cjs'), external: true };
      });
      // In the other chunks, a chunk that went into cli.cjs is cli.cjs's namespace object for it.
      b.onLoad({ filter: /.*/, namespace: SHARED_NAMESPACE }, (args) => ({
        contents: `module.exports = require('../cli.cjs').__okeSharedChunks[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
      // cli.cjs: cli.js, with the namespace object of every chunk it took in.
      b.onResolve({ filter: /^oke-cli-entry$/ }, () => ({ path: 'cli', namespace: 'oke-cli-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'oke-cli-entry' }, () => {
        const names = [...shared].sort();
        return {
          contents: [
            "export * from './cli.js';",
            ...names.map((name, i) => `import * as chunk${i} from './${name}';`),
            `export const __okeSharedChunks = { ${names.map((name, i) => `${JSON.stringify(name)}: chunk${i}`).join(', ')} };`,
          ].join('\n'),
          resolveDir: esmRoot,
          loader: 'js',
        };
      });
    },
  };
}
const conversion = {
  bundle: true,
  absWorkingDir: root,
  outdir: fileURLToPath(staging),
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of a chunk becomes Promise.resolve().then(() => require(chunk)).
  supported: { 'dynamic-import': false },
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};
const others = [...importsOf.keys()].filter((f) => f.endsWith('.js') && f !== 'cli.js' && !shared.has(f));
const converted = await Promise.all([
  build({ ...conversion, entryPoints: [{ in: 'oke-cli-entry', out: 'cli' }], plugins: [linkChunks(true)] }),
  build({ ...conversion, entryPoints: others.map((f) => ({ in: join(esmRoot, f), out: f.replace(/\.js$/, '') })), plugins: [linkChunks(false)] }),
]);
rmSync(esmDir, { recursive: true, force: true });
// A file holding only esbuild's helpers (__toESM and the like) or re-exports of other chunks has
// no source to map to, and esbuild then names the intermediate ESM file: name the helpers
// instead of a path that is gone.
const esmName = relative(root, fileURLToPath(esmDir));
for (const file of converted.flatMap((c) => Object.keys(c.metafile.outputs)).filter((f) => f.endsWith('.map'))) {
  const map = JSON.parse(readFileSync(join(root, file), 'utf8'));
  if (!map.sources.some((s) => s.includes(esmName))) continue;
  map.sources = map.sources.map((s) => (s.includes(esmName) ? 'esbuild-runtime-helpers' : s));
  writeFileSync(join(root, file), JSON.stringify(map));
}

// One entry per bundled package (name, version, licence, its LICENSE file's text), from the
// bundle's own inputs, so a dependency added later cannot be left out.
const packageDirs = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packageDirs.add(m[1]);
}
const notices = [...packageDirs].sort().map((dir) => {
  const meta = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = licenceFile ? readFileSync(join(root, dir, licenceFile), 'utf8').trim() : `(no licence file; package.json says ${meta.license})`;
  return `${meta.name} ${meta.version} (${meta.license})\n\n${text}\n`;
});
writeFileSync(
  new URL('THIRD-PARTY-NOTICES.txt', `${staging.href}/`),
  `oke-cni's dist/cli.cjs and dist/chunks/ bundle these packages; their licences follow.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`,
);

// The loader that compiles each file with V8's code cache, and the caches themselves, made by
// warm-up runs of the start-up-critical commands in one process, so the functions they need are
// compiled in the caches of the files they share (commander's, the catalog's) as in their own.
const WARM_UP = [
  ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--nodes', '20', '--pod-subnet', '10.0.64.0/18'],
  ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--nodes', '20', '--json'],
  ['shapes'],
  ['shapes', 'E4', '--json'],
  ['lint', 'examples/passing.yaml'],
  ['lint', 'examples/passing.yaml', '--format', 'json'],
  ['rules'],
];
copyFileSync(new URL('../src/cli/start.cjs', import.meta.url), new URL('start.cjs', `${staging.href}/`));
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);
const warm = spawnSync(
  process.execPath,
  [
    '-e',
    `const cli = require('./dist/start.cjs');
(async () => {
  for (const args of ${JSON.stringify(WARM_UP)}) {
    process.argv = [process.argv[0], 'oke-cni', ...args];
    await cli.run();
    if (process.exitCode !== 0) throw new Error('oke-cni ' + args.join(' ') + ' exited ' + process.exitCode);
  }
})();`,
  ],
  { cwd: root, env: { ...process.env, OKE_CNI_WRITE_CODE_CACHE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (warm.status !== 0) throw new Error(`writing the code caches failed: the warm-up runs exited ${warm.status}`);
