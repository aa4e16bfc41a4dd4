import { describe, expect, it } from 'vitest';
import { InputVocabulary, newVocabulary, ownMaps, RemediationSpeaker, speak, VocabularySharer } from '../../src/core/vocabulary.js';

describe('VocabularySharer', () => {
  it('objects with equal field names (same order) share one Map; others keep their own; words are unchanged', () => {
    const input = new InputVocabulary('terraform');
    const make = (fields: Array<[string, string]>, changes: Array<[string, string]> = []) => {
      const v = newVocabulary('nodePool', input);
      for (const [k, n] of fields) v.fields.set(k, n);
      for (const [k, n] of changes) v.changes.set(k, n);
      return v;
    };
    const a = make([['maxPodsPerNode', 'node_pool_pod_network_option_details.max_pods_per_node'], ['nsgIds', 'node_config_details.nsg_ids']]);
    const b = make([['maxPodsPerNode', 'node_pool_pod_network_option_details.max_pods_per_node'], ['nsgIds', 'node_config_details.nsg_ids']]);
    const reordered = make([['nsgIds', 'node_config_details.nsg_ids'], ['maxPodsPerNode', 'node_pool_pod_network_option_details.max_pods_per_node']]);
    const changed = make([['nsgIds', 'node_config_details.nsg_ids']], [['nsgIds', 'var.nsg_ids (feeding nsg_ids of module.pools.x)']]);
    const before = [a, b, reordered, changed].map((v) => speak('set maxPodsPerNode and nsgIds', { vocabulary: v }, true));
    const sharer = new VocabularySharer();
    // One at a time, as the Terraform reader shares each pool's once it is read.
    for (const v of [a, b, reordered, changed]) sharer.share(v);
    expect(b.fields).toBe(a.fields);
    expect(reordered.fields).not.toBe(a.fields);
    expect(changed.fields).not.toBe(a.fields);
    expect(b.changes).toBe(a.changes);
    expect(changed.changes).not.toBe(a.changes);
    expect([...changed.changes]).toEqual([['nsgIds', 'var.nsg_ids (feeding nsg_ids of module.pools.x)']]);
    expect([a, b, reordered, changed].map((v) => speak('set maxPodsPerNode and nsgIds', { vocabulary: v }, true))).toEqual(before);
    expect(before[3]).toBe('set maxPodsPerNode and var.nsg_ids (feeding nsg_ids of module.pools.x)');
    expect(before[0]).toBe('set node_pool_pod_network_option_details.max_pods_per_node and node_config_details.nsg_ids');
  });
});

describe('ownMaps (copy on write of shared vocabularies)', () => {
  it('gives a vocabulary its own maps before it changes, leaving the others that share them as they were', () => {
    const input = new InputVocabulary('terraform');
    const a = newVocabulary('subnet', input);
    const b = newVocabulary('subnet', input);
    for (const v of [a, b]) v.fields.set('cidrBlocks', 'cidr_block');
    const sharer = new VocabularySharer();
    sharer.share(a);
    sharer.share(b);
    expect(b.fields).toBe(a.fields);
    const shared = a.fields;
    ownMaps(b);
    b.fields.set('securityListIds', 'security_list_ids');
    expect(b.fields).not.toBe(shared);
    expect([...a.fields]).toEqual([['cidrBlocks', 'cidr_block']]);
    expect([...b.fields]).toEqual([['cidrBlocks', 'cidr_block'], ['securityListIds', 'security_list_ids']]);
    // A map of its own is kept as it is.
    const own = b.fields;
    ownMaps(b);
    expect(b.fields).toBe(own);
    // Shared again, the changed one finds no equal and stays its own.
    sharer.share(b);
    expect(b.fields).toBe(own);
  });
});

describe('RemediationSpeaker', () => {
  it("says what speak(text, subject, true) says, made once per text and words", () => {
    const input = new InputVocabulary('terraform');
    input.add('subnet', 'maxPodsPerNode', 'max_pods_from_subnet');
    const pool = newVocabulary('nodePool', input);
    pool.fields.set('nsgIds', 'node_config_details.nsg_ids');
    const moduled = newVocabulary('nodePool', input);
    moduled.fields = pool.fields;
    moduled.changes.set('nsgIds', 'var.nsg_ids (feeding nsg_ids of module.pools.x)');
    const subnet = newVocabulary('subnet', input);
    subnet.fields = pool.fields;
    subnet.changes = pool.changes;
    const speaker = new RemediationSpeaker();
    const text = 'Add nsgIds: [ocid] and set maxPodsPerNode';
    const said = [pool, moduled, subnet, pool].map((v) => speaker.speak(text, { vocabulary: v }));
    expect(said).toEqual([pool, moduled, subnet, pool].map((v) => speak(text, { vocabulary: v }, true)));
    expect(said).toEqual([
      'Add node_config_details.nsg_ids = [ocid] and set max_pods_from_subnet',
      'Add var.nsg_ids (feeding nsg_ids of module.pools.x) = [ocid] and set max_pods_from_subnet',
      'Add node_config_details.nsg_ids = [ocid] and set max_pods_from_subnet',
      'Add node_config_details.nsg_ids = [ocid] and set max_pods_from_subnet',
    ]);
    expect(speaker.speak(text, {})).toBe(text);
  });
});
