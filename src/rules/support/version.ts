/** Kubernetes version strings as OKE spells them: "v1.30.1", "1.30.1", "v1.30". */

export type KubernetesVersion = readonly [major: number, minor: number, patch: number];

export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function compareVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * True when `version` is below `minimum`; false when either cannot be read (a version oke-cni
 * cannot read is no evidence of a problem).
 */
export function versionBelow(version: string, minimum: string): boolean {
  const v = parseKubernetesVersion(version);
  const min = parseKubernetesVersion(minimum);
  return v !== undefined && min !== undefined && compareVersions(v, min) < 0;
}

/** "1.27.10" from MIN_CONTROL_PLANE_SELF_MANAGED; "1.22" when the patch is 0 ("1.22.0"). */
export function displayVersion(version: string): string {
  return version.replace(/^v/, '').replace(/^(\d+\.\d+)\.0$/, '$1');
}
