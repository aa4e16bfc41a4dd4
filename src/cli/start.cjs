'use strict';
// Loads the bundled CLI (dist/cli.cjs) and the chunks it requires on demand (dist/chunks/*.cjs),
// each compiled with the V8 code cache the build writes beside it (FILE.cache): compiling from
// source costs ~10x a cached compile. Node 22 has module.enableCompileCache() for this; Node 20
// does not. When a cache is missing or made by another V8, V8 rejects it and compiles from
// source as usual.
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const entry = join(__dirname, 'cli.cjs');
// Set by the build (scripts/build.mjs) for the warm-up runs that write the caches.
const writeCache = process.env.OKE_CNI_WRITE_CODE_CACHE === '1';

// --debug: stack traces through the source maps (FILE.cjs.map) point into src/. Only then: Node
// reads and parses a file's map when the file loads, which would cost every other run its
// start-up. Source maps apply to modules loaded through require, not to a vm.Script, so a
// --debug run loads the files the ordinary way, without the code cache.
if (process.argv.includes('--debug') && !writeCache) {
  process.setSourceMapsEnabled(true);
  module.exports = require(entry);
  return;
}

function readCache(file) {
  if (writeCache) return undefined;
  try {
    return readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

/** Every file loaded so far, by path: each runs once, as require would. */
const loaded = new Map();
// Packages and Node's modules resolve as from dist/ (the SDK is resolved by src/sources/oci/sdk.ts itself).
const requireFromDist = Module.createRequire(entry);

/** A chunk's require: the other chunks (relative .cjs paths, as esbuild writes them) load through here. */
function requireFor(dir) {
  const req = (id) => (id.startsWith('.') && id.endsWith('.cjs') ? load(join(dir, id)) : requireFromDist(id));
  req.resolve = requireFromDist.resolve;
  req.cache = requireFromDist.cache;
  return req;
}

function load(file) {
  const known = loaded.get(file);
  if (known) return known.module.exports;
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readCache(file) });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  // Registered before it runs, so a chunk that requires one still running gets its exports so far.
  loaded.set(file, { module: mod, script });
  script.runInThisContext().call(mod.exports, mod.exports, requireFor(dirname(file)), mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}

if (writeCache) {
  // After the runs, so the functions they compiled are in the caches too.
  process.once('beforeExit', () => {
    for (const [file, { script }] of loaded) writeFileSync(`${file}.cache`, script.createCachedData());
  });
}

module.exports = load(entry);
