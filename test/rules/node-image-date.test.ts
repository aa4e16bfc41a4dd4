import { describe, expect, test } from 'vitest';
import { cluster, findingsOf, expectInvalidFixture, fixtureFindings, model, network, pool, where } from './build.js';

const ID = 'node-image-date';

const withImages = (...images: string[]) =>
  model(network(), [cluster(30, { name: 'prod' }, images.map((image, i) => pool(40 + i * 10, { name: `p${i}`, image })))]);

describe(ID, () => {
  test('valid: released on or after 2022-06-01; names without a date; platform images; impossible dates', () => {
    const m = withImages(
      'Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679',
      'Oracle-Linux-7.9-2022.06.01-0-OKE-1.23.4-420',
      'ocid1.image.oc1.phx.aaaaexample',
      'Oracle-Linux-7.9-2022.01.24-0',
      'Oracle-Linux-7.9-2022.13.45-0-OKE-1.22.5-420',
    );
    expect(findingsOf(ID, m)).toEqual([]);
  });

  test('invalid: images released before June 2022, GPU images too, at image', () => {
    const found = findingsOf(ID, withImages('Oracle-Linux-7.9-2022.05.31-0-OKE-1.22.5-420', 'Oracle-Linux-7.9-Gen2-GPU-2022.04.26-0-OKE-1.22.5-420'));
    expect(found.map((f) => [f.severity, where(f), f.message])).toEqual([
      [
        'error',
        '41:9',
        'node pool prod/p0: OKE image Oracle-Linux-7.9-2022.05.31-0-OKE-1.22.5-420 was released on 2022-05-31; VCN-native pod networking needs an OKE image released on or after 2022-06-01',
      ],
      [
        'error',
        '51:9',
        'node pool prod/p1: OKE image Oracle-Linux-7.9-Gen2-GPU-2022.04.26-0-OKE-1.22.5-420 was released on 2022-04-26; VCN-native pod networking needs an OKE image released on or after 2022-06-01',
      ],
    ]);
  });

  test('valid: flannel clusters are not checked', () => {
    const m = model(network(), [cluster(30, { name: 'old', cniType: 'FLANNEL_OVERLAY' }, [pool(40, { name: 'p', image: 'Oracle-Linux-7.9-2021.05.31-0-OKE-1.20.5-1' })])]);
    expect(findingsOf(ID, m)).toEqual([]);
  });
});

describe(`${ID}: fixtures read by the config parser`, () => {
  test('valid.yaml has no finding', () => {
    expect(fixtureFindings(ID, 'valid')).toEqual([]);
  });

  test('invalid.yaml: findings at the exact line and column', () => {
    const found = expectInvalidFixture(ID, [
      [24, 9, "was released on 2022-05-31; VCN-native pod networking needs an OKE image released on or after 2022-06-01"],
    ]);
  });
});
