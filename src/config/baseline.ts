/**
 * Reading a baseline file (--baseline FILE, .oke-cni.yaml `baseline:`) with the file readers'
 * machinery: bounded, UTF-8, positions, so a damaged baseline is one "file:line:col" line.
 */
import { BASELINE_FORMAT_KEY, BASELINE_FORMAT_VERSION } from '../core/baseline.js';
import { Problems } from '../sources/file/problems.js';
import { parseInputText, readFileBounded, readInputFile } from '../sources/file/read.js';
import { describe as describeNode, type Node } from '../sources/file/tree.js';
import { readString } from '../sources/file/values.js';

const FINGERPRINT = /^[0-9a-f]{32}$/;

/** The fingerprints a baseline holds; throws UserErrors naming every problem. */
export function loadBaseline(path: string, shownAs: string): Set<string> {
  const problems = new Problems();
  const fp = problems.forFile(shownAs);
  const fingerprints = new Set<string>();
  const text = readInputFile(path, fp);
  const root = text === undefined ? undefined : parseInputText(text, fp);
  if (root !== undefined) {
    const marker = root.kind === 'map' ? root.entries.get(BASELINE_FORMAT_KEY) : undefined;
    if (root.kind !== 'map' || marker === undefined) {
      fp.add(root.at, `not an oke-cni baseline (no "${BASELINE_FORMAT_KEY}" key); write one with --write-baseline FILE`);
    } else if (marker.value.kind !== 'scalar' || marker.value.value !== BASELINE_FORMAT_VERSION) {
      fp.add(marker.value.at, `${BASELINE_FORMAT_KEY}: this oke-cni reads baseline format ${BASELINE_FORMAT_VERSION}; write the baseline again with --write-baseline FILE`);
    } else {
      const list: Node | undefined = root.entries.get('findings')?.value;
      if (list === undefined || list.kind !== 'seq') {
        fp.add(list?.at ?? root.at, `findings: expected a list of baseline entries, got ${list ? describeNode(list) : 'nothing'}`);
      } else {
        list.items.forEach((item, i) => {
          const node = item.kind === 'map' ? item.entries.get('fingerprint')?.value : undefined;
          if (node === undefined) {
            fp.add(item.at, `findings[${i}]: expected an entry with a fingerprint`);
            return;
          }
          const value = readString(node, `findings[${i}].fingerprint`, fp);
          if (value !== undefined && !FINGERPRINT.test(value)) fp.add(node.at, `findings[${i}].fingerprint: expected 32 hexadecimal digits, got "${value.slice(0, 40)}"`);
          else if (value !== undefined) fingerprints.add(value);
        });
      }
    }
  }
  problems.throwIfAny();
  return fingerprints;
}

/**
 * Whether --write-baseline may write `path`: it does not exist yet, or it is an oke-cni baseline
 * (rewriting the baseline is what the flag is for). Any other file is the user's, and is kept.
 */
export function baselineTargetState(path: string): 'absent' | 'baseline' | 'other' {
  const read = readFileBounded(path);
  if (!read.ok) return read.code === 'ENOENT' ? 'absent' : 'other';
  try {
    const parsed = JSON.parse(read.bytes.toString('utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' && BASELINE_FORMAT_KEY in parsed ? 'baseline' : 'other';
  } catch {
    return 'other';
  }
}
