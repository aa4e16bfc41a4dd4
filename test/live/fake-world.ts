/**
 * One fake OCI API per test for the built-bin live tests (discovery, upgrade): `serve(world)`
 * starts it on 127.0.0.1 trusting the test key (closing the one before), `fake()` is the running
 * server, and every test's server is closed after it.
 */
import { afterEach } from 'vitest';
import { startFakeOci, type FakeOci } from '../fake-oci/server.js';
import { credentials } from './harness.js';
import type { WorldBuilder } from './worlds.js';

export function fakeWorldPerTest(): { serve: (w: WorldBuilder) => Promise<FakeOci>; fake: () => FakeOci } {
  let current: FakeOci | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    async serve(w) {
      await current?.close();
      current = await startFakeOci(w.world);
      current.trustKeys(credentials().trusted);
      return current;
    },
    fake() {
      if (current === undefined) throw new Error('no fake OCI API is running: call serve(world) first');
      return current;
    },
  };
}
