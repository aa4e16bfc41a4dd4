/**
 * Terraform addresses and references as text: `module.net["a"].oci_core_subnet.this[0]`,
 * `module.network.subnet_ids["pods"]`, `each.value.pod_subnet`. Terraform writes instance keys
 * with Go's %q (a JSON string for the keys plans have) and numbers bare (jsonconfig traversalStr).
 */

/** One step of a traversal: an attribute name, or an index key. */
export type Step = { name: string } | { key: string | number };

/** "a.b[\"k\"][0].c" -> [{name:a},{name:b},{key:"k"},{key:0},{name:c}]; undefined when it does not parse. */
export function parseTraversal(text: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = closingBracket(text, i);
      if (end < 0) return undefined;
      const inner = text.slice(i + 1, end);
      if (inner.startsWith('"')) {
        try {
          const key: unknown = JSON.parse(inner);
          if (typeof key !== 'string') return undefined;
          steps.push({ key });
        } catch {
          return undefined;
        }
      } else if (/^\d+$/.test(inner)) steps.push({ key: Number(inner) });
      else return undefined;
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text.charAt(j) !== '.' && text.charAt(j) !== '[') j++;
    steps.push({ name: text.slice(i, j) });
    i = j;
  }
  return steps;
}

/** Index of the "]" closing the "[" at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ']') return i;
  }
  return -1;
}

/** An instance key as an address writes it: ["a"] or [0]. */
export function keyText(key: string | number): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** The address without its last instance key, and that key: oci_core_subnet.this["a"] -> [oci_core_subnet.this, "a"]. */
export function splitInstanceKey(address: string): { base: string; key: string | number | undefined } {
  if (!address.endsWith(']')) return { base: address, key: undefined };
  let depth = 0;
  let inString = false;
  for (let i = address.length - 1; i >= 0; i--) {
    const ch = address.charAt(i);
    if (ch === '"' && address.charAt(i - 1) !== '\\') inString = !inString;
    if (inString) continue;
    if (ch === ']') depth++;
    if (ch === '[') {
      depth--;
      if (depth === 0) {
        const steps = parseTraversal(address.slice(i));
        const step = steps?.[0];
        return step && 'key' in step ? { base: address.slice(0, i), key: step.key } : { base: address, key: undefined };
      }
    }
  }
  return { base: address, key: undefined };
}

/**
 * The references jsonconfig lists for an expression, most specific first: each reference is
 * followed by the shorter forms it unwraps into ("a.b[0].id", "a.b[0]", "a.b"). Only the most
 * specific of each run says what the expression reads.
 */
export function specificReferences(references: readonly string[]): string[] {
  const out: string[] = [];
  let last: string | undefined;
  for (const ref of references) {
    if (last !== undefined && (last.startsWith(`${ref}.`) || last.startsWith(`${ref}[`))) continue;
    out.push(ref);
    last = ref;
  }
  return out;
}
