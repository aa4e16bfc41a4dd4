import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, pool, subnet, vcn, where } from './build.js';

const ID = 'pod-subnet-same-vcn';

const twoVcns = {
  vcns: [vcn(1, { name: 'prod-vcn', cidrBlocks: ['10.0.0.0/16'] }), vcn(2, { name: 'other-vcn', cidrBlocks: ['10.1.0.0/16'] })],
  subnets: [
    subnet(3, { name: 'workers', vcn: 'prod-vcn', cidrBlock: '10.0.0.0/20' }),
    subnet(10, { name: 'pods', vcn: 'prod-vcn', cidrBlock: '10.0.64.0/18' }),
    subnet(20, { name: 'other-pods', vcn: 'other-vcn', cidrBlock: '10.1.0.0/18' }),
  ],
};

describe(ID, () => {
  test('valid: worker and pod subnet in one VCN', () => {
    const m = model(twoVcns, [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', subnet: 'workers', podSubnets: ['pods'] })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('valid: flannel pools have no pod subnets to compare', () => {
    const m = model(twoVcns, [
      cluster(30, { name: 'prod', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'general', subnet: 'workers', podSubnets: ['other-pods'] })]),
    ]);
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: pod subnet in another VCN, reported at podSubnets', () => {
    const m = model(twoVcns, [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', subnet: 'workers', podSubnets: ['other-pods'] })])]);
    const found = findingsOf(ID, m);
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f?.severity).toBe('error');
    expect(f?.message).toBe(
      'node pool prod/general: pod subnet "other-pods" is in VCN "other-vcn" but worker subnet "workers" is in VCN "prod-vcn"',
    );
    expect(f?.remediation).toBe('Use a pod subnet in VCN "prod-vcn", or a worker subnet in VCN "other-vcn".');
    expect(where(f!)).toBe('42:9');
  });

  test('invalid: a multi-AD pool whose second placement\'s worker subnet is in another VCN', () => {
    const parts = { ...twoVcns, subnets: [...twoVcns.subnets, subnet(25, { name: 'other-workers', vcn: 'other-vcn', cidrBlock: '10.1.128.0/20' })] };
    const m = model(parts, [cluster(30, { name: 'prod' }, [pool(40, { name: 'general', workerSubnets: ['workers', 'other-workers'], podSubnets: ['pods'] })])]);
    expect(findingsOf(ID, m).map((f) => f.message)).toEqual([
      'node pool prod/general: pod subnet "pods" is in VCN "prod-vcn" but worker subnet "other-workers" is in VCN "other-vcn"',
    ]);
  });

  test('invalid: virtual node pools are checked too', () => {
    const m = model(twoVcns, [
      cluster(30, { name: 'prod' }, [pool(40, { name: 'virt', type: 'virtual', subnet: 'workers', podSubnets: ['other-pods'] })]),
    ]);
    expect(findingsOf(ID, m).map(where)).toEqual(['43:9']);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [29, 9, "pod subnet \"other-pods\" is in VCN \"other-vcn\" but worker subnet \"workers\" is in VCN \"prod-vcn\""],
    ]);
  });
});
