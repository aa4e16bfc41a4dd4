/** What scripts/bench-live.mjs bundles (esbuild) to run the fake OCI API in its own process: the server and the bench tenancy (node built-ins only). */
export { startFakeOci } from '../fake-oci/server.js';
export { benchTenancy, ocid } from './worlds.js';
