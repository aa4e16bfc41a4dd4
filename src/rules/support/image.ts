/**
 * What an OKE node image name says about itself. OKE image names carry the OS, the release date
 * and the Kubernetes version, e.g. Oracle-Linux-8.9-2024.01.26-0-OKE-1.28.2-679 or
 * Oracle-Linux-8.9-Gen2-GPU-2024.01.26-0-OKE-1.28.2-679 (domain-facts.md, "Rules from the seed").
 */

/** An OKE image (as opposed to a platform image or an OCID) has "-OKE-<version>" in its name. */
export function isOkeImage(image: string): boolean {
  return /-OKE-\d+\.\d+/.test(image);
}

/** ISO release date (YYYY-MM-DD) from an image name's "YYYY.MM.DD-<build>" part; undefined without one. */
export function imageReleaseDate(image: string): string | undefined {
  const m = /(?:^|-)(\d{4})\.(\d{2})\.(\d{2})-\d+(?:-|$)/.exec(image);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Reject 2024.13.40 and the like: the parts must survive a round trip through Date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export type ImageOs = { family: 'oracle-linux'; major: number; label: string } | { family: 'ubuntu'; label: string };

/** The node OS an image name announces; undefined when the name does not say (e.g. an image OCID). */
export function imageOs(image: string): ImageOs | undefined {
  const ol = /^Oracle-Linux-(\d+)(?:\.\d+)?-/.exec(image);
  if (ol) return { family: 'oracle-linux', major: Number(ol[1]), label: `Oracle Linux ${ol[1]}` };
  const ubuntu = /^Canonical-Ubuntu-(\d+\.\d+)-/.exec(image);
  if (ubuntu) return { family: 'ubuntu', label: `Ubuntu ${ubuntu[1]}` };
  return undefined;
}
