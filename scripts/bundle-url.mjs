// Injected by the build (scripts/build.mjs) into the bundled modules that use import.meta.url,
// which the build renames __okeBundleUrl: the output is CommonJS, which has no import.meta. They
// get the URL of the dist/ file holding this module, from which packages resolve as from the
// bundle (src/sources/oci/sdk.ts finds the SDK so). Only those modules load it.
export const __okeBundleUrl = require('node:url').pathToFileURL(__filename).href;
