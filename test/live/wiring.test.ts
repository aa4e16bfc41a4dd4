/**
 * The functions the lead wires into `lint FILE --live` and `shapes --live --compartment --write`:
 * a planned pool in a file checked against the real (fake) subnets, and a live catalog written
 * in the --catalog format and loaded back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { ShapeIndex } from '../../src/catalog/catalog.js';
import { loadCatalogFile } from '../../src/catalog/file.js';
import { embeddedCatalog } from '../../src/catalog/load.js';
import type { CliIo } from '../../src/cli/io.js';
import { addLiveRefs, readLiveCatalog, writeCatalogFile } from '../../src/cli/live-options.js';
import { UserError } from '../../src/core/errors.js';
import { runLint } from '../../src/rules/index.js';
import { loadConfigFiles } from '../../src/sources/file/index.js';
import { allRequests, startFakeOci, type FakeOci } from '../fake-oci/server.js';
import { credentials, loadWorld } from './harness.js';

let fake: FakeOci;
const dir = mkdtempSync(join(tmpdir(), 'oke-cni-wiring-'));
const stderr: string[] = [];
const io = (): CliIo => ({ stdout: () => undefined, stderr: (s) => void stderr.push(s), env: { HOME: credentials().dir }, stdoutIsTTY: false, stderrIsTTY: false, cwd: dir });
const flags = () => ({ configFile: credentials().configFile, endpoint: fake.url });

beforeAll(() => void credentials());
afterEach(async () => {
  await fake?.close();
});
afterAll(() => {
  expect(new Set(allRequests.map((r) => r.method))).toEqual(new Set(['GET']));
});

/** A planned pool in a file whose subnets and VCN are named by OCID: they exist only in OCI. */
function plannedFile(maxPodsPerNode: number, size: number): string {
  const file = join(dir, `planned-${maxPodsPerNode}-${size}.yaml`);
  writeFileSync(
    file,
    [
      'clusters:',
      '  - name: planned',
      '    vcn: ocid1.vcn.oc1.iad.aaaaprodvcn',
      '    kubernetesVersion: v1.30.1',
      '    cniType: OCI_VCN_IP_NATIVE',
      '    servicesCidr: 10.96.0.0/16',
      '    nodePools:',
      '      - name: new-pool',
      '        shape: VM.Standard.E4.Flex',
      '        ocpus: 4',
      `        size: ${size}`,
      `        maxPodsPerNode: ${maxPodsPerNode}`,
      '        subnet: ocid1.subnet.oc1.iad.aaaaworkers',
      '        podSubnets: [ocid1.subnet.oc1.iad.aaaapods]',
      '',
    ].join('\n'),
  );
  return file;
}

test('lint --live: OCID references are read from OCI and the planned pool is checked against them', async () => {
  fake = await startFakeOci(loadWorld('clean'));
  fake.trustKeys(credentials().trusted);
  const loaded = loadConfigFiles([plannedFile(93, 200)]);
  expect(loaded.externalRefs).toEqual({ vcns: ['ocid1.vcn.oc1.iad.aaaaprodvcn'], subnets: ['ocid1.subnet.oc1.iad.aaaaworkers', 'ocid1.subnet.oc1.iad.aaaapods'] });
  const { model } = await addLiveRefs(flags(), io(), loaded.model, loaded.externalRefs);
  expect(model.subnets.map((s) => [s.name, s.cidrBlocks.map((c) => c.text).join(' + '), s.vcn, s.liveUsedAddresses])).toEqual([
    ['workers', '10.0.0.0/20', 'ocid1.vcn.oc1.iad.aaaaprodvcn', undefined],
    ['pods', '10.0.64.0/18', 'ocid1.vcn.oc1.iad.aaaaprodvcn', 300],
  ]);
  // 201 nodes x (93 + 3) = 19296 addresses, + the live cluster prod's pools already on the subnet
  // (general 4 x 32, batch 13 x 64, burst 3 x 31 = 1053) + other use now (300 - 3 x 32 - 2 x 64 - 2 x 31 = 14) = 20363 > 16381.
  const findings = runLint(model, new ShapeIndex(embeddedCatalog()));
  expect(findings.map((f) => [f.ruleId, f.location.kind === 'oci' ? f.location.ocid : f.location.kind])).toEqual([
    // The live subnets' security list is read (GetSecurityList); the file names no API endpoint subnet, so that part is not checked.
    ['not-checked', 'file'],
    ['pod-subnet-capacity', 'ocid1.subnet.oc1.iad.aaaapods'],
  ]);
  expect(findings[0]!.message).toMatch(/^cluster planned: pod-subnet-security-rules not checked for \d+ of \d+ required security rules and the Kubernetes API endpoint's own, for want of the Kubernetes API endpoint's subnet or NSGs/);
  expect(findings[1]!.message).toContain('has 16381 usable addresses but its node pools need 20363');
  expect(findings[1]!.message).toContain('prod/general: 4 nodes x 32 = 128');
  expect(fake.requests.map((r) => r.path).filter((p) => !p.endsWith('privateIps')).sort()).toEqual([
    '/20160918/compartments',
    '/20160918/securityLists/ocid1.securitylist.oc1.iad.aaaasl',
    '/20160918/subnets/ocid1.subnet.oc1.iad.aaaapods',
    '/20160918/subnets/ocid1.subnet.oc1.iad.aaaaworkers',
    '/20160918/vcns/ocid1.vcn.oc1.iad.aaaaprodvcn',
    '/20180222/clusters/ocid1.cluster.oc1.iad.aaaaclean',
    '/20180222/clusters/ocid1.cluster.oc1.iad.aaaaclean/addons/ClusterAutoscaler',
    // Two compartments, each listed once: the tenancy (the root) and the pod subnet's own.
    '/20180222/nodePools',
    '/20180222/nodePools',
    '/20180222/virtualNodePools',
    '/20180222/virtualNodePools',
  ]);
});

test('lint --live with nothing to read opens no session', async () => {
  fake = await startFakeOci(loadWorld('clean'));
  const model = { vcns: [], subnets: [], clusters: [] };
  expect((await addLiveRefs({ ...flags(), configFile: join(dir, 'no-config') }, io(), model, { vcns: [], subnets: [] })).model).toBe(model);
  expect(fake.requests).toEqual([]);
});

test('shapes --live --write: ListShapes in the --catalog format, loaded back by loadCatalogFile', async () => {
  fake = await startFakeOci(loadWorld('clean'));
  fake.trustKeys(credentials().trusted);
  const catalog = await readLiveCatalog(flags(), io(), 'ocid1.compartment.oc1..aaaaprod');
  expect(catalog.source).toBe(`${fake.url}/20160918 ListShapes (compartment ocid1.compartment.oc1..aaaaprod)`);
  const file = join(dir, 'live-shapes.json');
  await writeCatalogFile(file, catalog);
  const loaded = loadCatalogFile(file);
  expect(loaded).toEqual({ ...catalog, origin: file });
  expect(new ShapeIndex(loaded).get('VM.Standard.E4.Flex')?.flex?.vnics).toEqual({ min: 2, perOcpu: 1, max: 24 });
  expect(fake.count('/20160918/shapes')).toBe(3);
});

test('shapes --live: a bad compartment OCID fails before any request; an unwritable --write path is one line', async () => {
  fake = await startFakeOci(loadWorld('clean'));
  const err = await readLiveCatalog(flags(), io(), 'ocid1.cluster.oc1.iad.aaaaclean').catch((e: unknown) => e);
  expect((err as UserError).line()).toBe('--compartment: "ocid1.cluster.oc1.iad.aaaaclean" is not a compartment or tenancy OCID (ocid1.compartment.oc1.<region>.<id>)');
  expect(fake.requests).toEqual([]);
  const bad = join(dir, 'missing-dir', 'shapes.json');
  const writeErr = await writeCatalogFile(bad, embeddedCatalog()).catch((e: unknown) => e);
  expect((writeErr as UserError).line()).toBe(`--write ${bad}: cannot write the catalog (ENOENT)`);
});
