'use strict';
// Loads the bundled CLI (dist/cli.cjs) with V8's code cache, which the build writes beside it:
// compiling the ~400 KB bundle from source costs ~20 ms of start-up, a cached compile ~2 ms.
// Node 22 has module.enableCompileCache() for this; Node 20 does not. When the cache is missing
// or made by another V8, V8 rejects it and compiles from source as usual.
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const bundle = join(__dirname, 'cli.cjs');
const cacheFile = `${bundle}.cache`;
// Set by the build (scripts/build.mjs) for one representative run that writes the cache.
const writeCache = process.env.OKE_CNI_WRITE_CODE_CACHE === '1';

function readCache() {
  if (writeCache) return undefined;
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

// --debug: stack traces through the bundle's source map (dist/cli.cjs.map) point into src/.
// Only then: Node reads and parses the map (~2 MB) when the module loads, which would cost every
// other run its start-up. Source maps apply to modules loaded through require, not to a
// vm.Script, so a --debug run loads the bundle the ordinary way, without the code cache.
if (process.argv.includes('--debug') && !writeCache) {
  process.setSourceMapsEnabled(true);
  module.exports = require(bundle);
  return;
}

const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
  filename: bundle,
  cachedData: readCache(),
});
const cli = new Module(bundle, module);
cli.filename = bundle;
cli.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(cli.exports, cli.exports, Module.createRequire(bundle), cli, bundle, __dirname);
cli.loaded = true;

if (writeCache) {
  // After the run, so the functions it compiled are in the cache too.
  process.once('beforeExit', () => writeFileSync(cacheFile, script.createCachedData()));
}

module.exports = cli.exports;
