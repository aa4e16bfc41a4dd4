/** Replaced at build time from package.json (scripts/build.mjs); the fallback serves tests run from source. */
declare const __OKE_CNI_VERSION__: string | undefined;
export const VERSION: string = typeof __OKE_CNI_VERSION__ === 'string' ? __OKE_CNI_VERSION__ : '0.0.0-dev';
