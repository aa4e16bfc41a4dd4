/**
 * The OCI SDK, loaded on demand: the live path is the only one that pays its ~0.4-0.7 s and
 * ~45 MiB (oci-sdk-notes.md). Dynamic imports keep it out of a bundle's start-up chunk even
 * when this module is bundled, and the build leaves oci-* external.
 */
export interface Sdk {
  common: typeof import('oci-common');
  core: typeof import('oci-core');
  containerengine: typeof import('oci-containerengine');
}

let loading: Promise<Sdk> | undefined;

export function loadSdk(): Promise<Sdk> {
  loading ??= Promise.all([import('oci-common'), import('oci-core'), import('oci-containerengine')]).then(([common, core, containerengine]) => ({
    common,
    core,
    containerengine,
  }));
  return loading;
}
