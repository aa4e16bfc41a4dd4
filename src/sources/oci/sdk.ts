/**
 * The OCI SDK, loaded on demand: the live path is the only one that pays its ~0.4-0.7 s and
 * ~45 MiB (oci-sdk-notes.md). The oci-* packages are CommonJS and the build leaves them
 * external, so they are require()d here, at first use, never at start-up.
 *
 * The package declares them as optional peer dependencies: `npm i -g oke-cni` (or `npx oke-cni`)
 * fetches the ~1 MB bundle only, and the live commands need the SDK installed beside it
 * (SDK_INSTALL_COMMAND). Node finds it there: a global or project install puts the oci-*
 * packages next to oke-cni in the same node_modules.
 */
import { createRequire } from 'node:module';
import { UserError } from '../../core/errors.js';

export interface Sdk {
  common: typeof import('oci-common');
  core: typeof import('oci-core');
  containerengine: typeof import('oci-containerengine');
  identity: typeof import('oci-identity');
}

/** The SDK packages and the one version every one of them is pinned to (package.json peerDependencies). */
export const SDK_PACKAGES = ['oci-common', 'oci-core', 'oci-identity', 'oci-containerengine'] as const;
export const SDK_VERSION = '2.139.1';
/** The one command that adds the SDK to a global install (README "Install"). */
export const SDK_INSTALL_COMMAND = `npm install -g oke-cni ${SDK_PACKAGES.map((p) => `${p}@${SDK_VERSION}`).join(' ')}`;

let loaded: Sdk | undefined;

function isMissing(err: unknown, name: string): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes(`'${name}'`);
}

/** Throws one UserError naming every missing package and the install command when the SDK is not installed. */
export async function loadSdk(): Promise<Sdk> {
  if (!loaded) {
    const requireSdk = createRequire(import.meta.url);
    const missing: string[] = [];
    const load = <T>(name: (typeof SDK_PACKAGES)[number]): T => {
      try {
        return requireSdk(name) as T;
      } catch (err) {
        if (!isMissing(err, name)) throw err;
        missing.push(name);
        return undefined as T;
      }
    };
    const sdk: Sdk = {
      common: load<Sdk['common']>('oci-common'),
      core: load<Sdk['core']>('oci-core'),
      identity: load<Sdk['identity']>('oci-identity'),
      containerengine: load<Sdk['containerengine']>('oci-containerengine'),
    };
    if (missing.length > 0) {
      throw new UserError(`the live commands need the OCI SDK, which is not installed (${missing.join(', ')} missing): ${SDK_INSTALL_COMMAND}`, 'OCI SDK');
    }
    loaded = sdk;
  }
  return loaded;
}
