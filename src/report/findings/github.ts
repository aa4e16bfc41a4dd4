/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the changed file in a
 * pull request. Escaping follows the runner's own (actions/toolkit core/src/command.ts): data
 * escapes % CR LF; property values also escape : and , because those delimit properties.
 */
import type { Finding, Severity } from '../../core/finding.js';
import { showControls } from '../../core/escape.js';
import { posixPath } from '../../core/paths.js';
import type { Renderer } from './renderer.js';
import { findingSentence, locationText } from './wording.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const loc = f.location;
  const props: Array<[string, string]> = [];
  let text = findingSentence(f);
  if (loc.kind === 'file') {
    props.push(['file', showControls(posixPath(loc.file))], ['line', String(loc.line)], ['col', String(loc.column)]);
  } else {
    // No file to annotate: the resource leads the message so the annotation still says where.
    text = `${locationText(loc)}: ${text}`;
  }
  props.push(['title', f.ruleId]);
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',');
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(text)}`;
}

/**
 * The annotations only, one per line (empty without findings): a machine format keeps stdout to
 * itself. The CLI writes the human summary line to stderr (the runner shows both in the log).
 */
export const renderGithub: Renderer = (findings) => findings.map((f) => `${annotation(f)}\n`).join('');
