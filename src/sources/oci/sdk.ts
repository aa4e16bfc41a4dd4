/**
 * The OCI SDK, loaded on demand: the live path is the only one that pays its ~0.4-0.7 s and
 * ~45 MiB (oci-sdk-notes.md). The oci-* packages are CommonJS and the build leaves them
 * external, so they are require()d here, at first use, never at start-up.
 */
import { createRequire } from 'node:module';

export interface Sdk {
  common: typeof import('oci-common');
  core: typeof import('oci-core');
  containerengine: typeof import('oci-containerengine');
  identity: typeof import('oci-identity');
}

let loaded: Sdk | undefined;

export async function loadSdk(): Promise<Sdk> {
  if (!loaded) {
    const requireSdk = createRequire(import.meta.url);
    loaded = {
      common: requireSdk('oci-common') as Sdk['common'],
      core: requireSdk('oci-core') as Sdk['core'],
      containerengine: requireSdk('oci-containerengine') as Sdk['containerengine'],
      identity: requireSdk('oci-identity') as Sdk['identity'],
    };
  }
  return loaded;
}
