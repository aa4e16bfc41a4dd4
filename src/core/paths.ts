/** File paths as CI systems want them, whatever OS ran the lint. */

/** Forward slashes: GitHub annotations and SARIF URIs match repository paths written that way. */
export function posixPath(file: string): string {
  return file.replace(/\\/g, '/');
}

/** `/abs/x.yaml` or `C:/abs/x.yaml` (after posixPath). */
export function isAbsolutePosixPath(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:\//.test(file);
}

/** Drop leading "./" so the same file is spelled the same way in every run. */
export function normalizeRelative(file: string): string {
  let p = posixPath(file);
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}
