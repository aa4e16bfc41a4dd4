import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/sources/file/index.js';
import { pos, problemsOf } from './helpers.js';

const F = 'gva.yaml';
const FRONT_OCID = 'ocid1.subnet.oc1.phx.aaaaaaaafront';

const text = (profiles: string[], extra: string[] = []) =>
  [
    'vcns: [{name: v, cidrBlocks: [10.0.0.0/16]}]', // 1
    'subnets:', // 2
    '  - {name: workers, vcn: v, cidrBlock: 10.0.0.0/20, prohibitPublicIpOnVnic: true}', // 3
    '  - {name: back, vcn: v, cidrBlock: 10.0.64.0/18, prohibitPublicIpOnVnic: true}', // 4
    `  - {name: front, ocid: ${FRONT_OCID}, vcn: v, cidrBlock: 10.0.128.0/18, prohibitPublicIpOnVnic: true}`, // 5
    'clusters:', // 6
    '  - name: c', // 7
    '    vcn: v', // 8
    '    kubernetesVersion: v1.33.1', // 9
    '    nodePools:', // 10
    '      - name: gva', // 11
    '        shape: VM.Standard.E4.Flex', // 12
    '        ocpus: 4', // 13
    '        size: 3', // 14
    '        subnet: workers', // 15
    ...extra,
    '        secondaryVnics:', // 16 (+ extra lines)
    ...profiles,
  ].join('\n') + '\n';

describe('oke-cni config: secondaryVnics on a node pool', () => {
  it('reads each profile: subnet (name or OCID), ipCount, nsgIds, displayName, with positions; maxPodsPerNode unset', () => {
    const { model } = parseConfigText(
      text([
        '          - subnet: back', // 17
        '            ipCount: 128', // 18
        '            nsgIds: [ocid1.networksecuritygroup.oc1.phx.aaaaaaaaback]', // 19
        '            displayName: backend', // 20
        `          - {subnet: ${FRONT_OCID}, ipCount: 64}`, // 21
      ]),
      F,
    );
    const pool = model.clusters[0]!.nodePools[0]!;
    expect(pool.maxPodsPerNodeSet).toBe(false);
    expect(pool.secondaryVnics).toHaveLength(2);
    const [back, front] = pool.secondaryVnics!;
    expect(back).toMatchObject({ subnet: 'back', ipCount: 128, nsgIds: ['ocid1.networksecuritygroup.oc1.phx.aaaaaaaaback'], displayName: 'backend' });
    expect(back!.at['']).toEqual(pos(F, 17, 13));
    expect(back!.at.ipCount).toEqual(pos(F, 18, 13));
    // named by its OCID, the subnet resolves to the one the file defines
    expect(front).toMatchObject({ subnet: 'front', ipCount: 64, nsgIds: [] });
    expect(front!.at.subnet).toEqual(pos(F, 21, 14));
  });

  it('maxPodsPerNode given: kept and marked as set', () => {
    const { model } = parseConfigText(text(['          - {subnet: back, ipCount: 256}'], ['        maxPodsPerNode: 200']), F);
    expect(model.clusters[0]!.nodePools[0]).toMatchObject({ maxPodsPerNode: 200, maxPodsPerNodeSet: true });
  });

  it('every problem at its line and column: missing ipCount, unknown key, bad type, unknown subnet name', () => {
    expect(
      problemsOf(() =>
        parseConfigText(
          text([
            '          - subnet: back', // 17
            '            ipCoun: 32', // 18
            '          - {subnet: nowhere, ipCount: many}', // 19
          ]),
          F,
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^gva\.yaml:17:13: secondaryVnics\[0\]: missing required key "ipCount"/),
      expect.stringMatching(/^gva\.yaml:18:13: unknown key "ipCoun" in secondaryVnics\[0\]; did you mean "ipCount"\?/),
      'gva.yaml:19:22: subnet: no subnet named "nowhere"',
      'gva.yaml:19:40: ipCount: expected a whole number, got string "many"',
    ]);
  });
});
