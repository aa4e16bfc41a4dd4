// Generates an oke-cni config with `pools` node pools and `subnets` subnets for benchmarks and
// scale tests: one /16 VCN per 100 subnets (/24 each), 10 pools per cluster, each cluster in one VCN.
export function generateConfig({ pools, subnets }) {
  const subnetsPerVcn = 100;
  const vcnCount = Math.ceil(subnets / subnetsPerVcn);
  const out = ['vcns:'];
  for (let v = 0; v < vcnCount; v++) out.push(`  - name: vcn-${v}`, `    cidrBlocks: [10.${v % 256}.0.0/16]`);
  out.push('subnets:');
  for (let s = 0; s < subnets; s++) {
    const v = Math.floor(s / subnetsPerVcn);
    out.push(
      `  - name: subnet-${s}`,
      `    vcn: vcn-${v}`,
      `    cidrBlock: 10.${v % 256}.${s % subnetsPerVcn}.0/24`,
      '    prohibitPublicIpOnVnic: true',
    );
  }
  out.push('clusters:');
  const poolsPerCluster = 10;
  const clusters = Math.ceil(pools / poolsPerCluster);
  for (let c = 0; c < clusters; c++) {
    const v = c % vcnCount;
    out.push(`  - name: cluster-${c}`, `    vcn: vcn-${v}`, '    kubernetesVersion: v1.30.1', '    nodePools:');
    for (let p = 0; p < poolsPerCluster && c * poolsPerCluster + p < pools; p++) {
      const first = v * subnetsPerVcn;
      const inVcn = Math.min(subnetsPerVcn, subnets - first);
      out.push(
        `      - name: pool-${p}`,
        '        shape: VM.Standard.E4.Flex',
        '        ocpus: 4',
        '        size: 2',
        '        maxPodsPerNode: 31',
        `        subnet: subnet-${first + (p % inVcn)}`,
        `        podSubnets: [subnet-${first + ((p + 1) % inVcn)}]`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
