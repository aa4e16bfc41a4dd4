/** A live node pool with secondary VNIC profiles, read with the real SDK from the fake OCI API on 127.0.0.1. */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import { runLint } from '../../src/rules/index.js';
import { openLive, type LiveSession } from '../../src/sources/oci/index.js';
import { startFakeOci, type FakeOci, type World } from '../fake-oci/server.js';
import { connectionTo, credentials, loadWorld } from './harness.js';

const CLEAN = 'ocid1.cluster.oc1.iad.aaaaclean';
const PODS = 'ocid1.subnet.oc1.iad.aaaapods';
let fake: FakeOci | undefined;
let session: LiveSession | undefined;

/** The clean world, its "general" pool given two profiles (128 + 256 IPs, above the node's 256) on the pod subnet. */
function worldWithProfiles(): World {
  const world = loadWorld('clean');
  const general = world.nodePools.find((p) => p.name === 'general') as Record<string, any>;
  delete general.nodeConfigDetails.nodePoolPodNetworkOptionDetails.maxPodsPerNode;
  general.secondaryVnics = [
    { displayName: 'front', createVnicDetails: { subnetId: PODS, ipCount: 128, nsgIds: ['ocid1.networksecuritygroup.oc1.iad.aaaapods'] } },
    { displayName: 'back', createVnicDetails: { subnetId: PODS, ipCount: 256 } },
  ];
  return world;
}

beforeAll(() => void credentials());
afterEach(async () => {
  session?.close();
  await fake?.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
});

describe('live: NodePool.secondaryVnics', () => {
  test('profiles map into the model, count in their subnet, and the profile rules see them', async () => {
    fake = await startFakeOci(worldWithProfiles());
    fake.trustKeys(credentials().trusted);
    session = await openLive(connectionTo(fake));
    const live = await session.readCluster(CLEAN);
    const pool = live.model.clusters[0]!.nodePools.find((p) => p.name === 'general')!;
    expect(pool.maxPodsPerNodeSet).toBe(false);
    expect(pool.secondaryVnics?.map((p) => [p.subnet, p.ipCount, p.nsgIds, p.displayName])).toEqual([
      [PODS, 128, ['ocid1.networksecuritygroup.oc1.iad.aaaapods'], 'front'],
      [PODS, 256, [], 'back'],
    ]);
    const findings = runLint(live.model, new ShapeIndex(embeddedCatalog())).filter((f) => f.ruleId.startsWith('secondary-vnic') || f.ruleId.startsWith('max-pods'));
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['secondary-vnic-ip-count', "node pool prod/general: its secondary VNIC profiles' ipCount adds up to 384, above the 256 IPs a node takes in all"],
      [
        'secondary-vnic-two-cidrs',
        expect.stringContaining('node pool prod/general, secondaryVnics[0] ("front"): ipCount 128 on subnet'),
      ],
      [
        'secondary-vnic-two-cidrs',
        expect.stringContaining('node pool prod/general, secondaryVnics[1] ("back"): ipCount 256 on subnet'),
      ],
    ]);
    // the pool's demand on the pod subnet: (3 nodes + 1 surge) x (128 + 256 + 2 primary IPs)
    const usage = live.usage.find((s) => s.ocid === PODS);
    expect(usage?.pools.find((p) => p.pool === 'prod/general')).toMatchObject({ nodes: 4, addressesPerNode: 386, addresses: 1544 });
  });
});
