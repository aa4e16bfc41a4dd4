/**
 * SARIF logs checked by the SARIF multitool (@microsoft/sarif-multitool), which validates against
 * the 2.1.0 schema and SARIF's own rules (SARIF1xxx/2xxx).
 *
 * The multitool has a blind spot (seen with 5.7.0): a log it cannot deserialize, e.g. one with an
 * unknown "level" value, makes the whole run report zero problems, for every file, with exit code
 * 0. So each log is also validated as a witness copy without $schema, for which the multitool must
 * report exactly SARIF2008 (proof that it read that log through), and a canary with a known schema
 * error proves the validator ran at all. One multitool run serves every log given (~2 s).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One multitool result: the rule it broke and its effective level. */
export type MultitoolResult = [ruleId: string, level: string];

/** The key of the canary's results in validateSarifLogs' answer. */
export const CANARY = 'canary';
/** The key of a log's witness copy (the log without $schema) in validateSarifLogs' answer. */
export const witnessOf = (name: string): string => `${name}.witness`;

/** What the canary must draw (JSON1008: a schema violation, its region.startLine of 0 is below the minimum 1). */
export const CANARY_RESULT: MultitoolResult = ['JSON1008', 'error'];
/** What each witness copy must draw, and nothing else: SARIF2008, "provide a $schema property". */
export const WITNESS_RESULTS: MultitoolResult[] = [['SARIF2008', 'warning']];

const MULTITOOL = fileURLToPath(new URL('../../node_modules/.bin/sarif-multitool', import.meta.url));

const CANARY_LOG = JSON.stringify({
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'canary', version: '1.0', informationUri: 'https://example.com/' } },
      results: [{ ruleId: 'x', message: { text: 'x.' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.yaml' }, region: { startLine: 0 } } }] }],
    },
  ],
});

/**
 * Validates every log (name -> SARIF text) in one multitool run, with a witness copy of each and
 * the canary. Answers the multitool's results per name, per witnessOf(name) and for CANARY (every
 * key present, [] when clean). Throws when the multitool fails or does not report a successful
 * execution; what the results must be is the caller's assertion (see sarifProblems).
 */
export function validateSarifLogs(logs: Record<string, string>): Map<string, MultitoolResult[]> {
  const byName = new Map<string, MultitoolResult[]>();
  const dir = mkdtempSync(join(tmpdir(), 'oke-cni-sarif-'));
  try {
    const files: string[] = [];
    const write = (name: string, text: string): void => {
      if (byName.has(name) || !/^[A-Za-z0-9_-]+(\.witness)?$/.test(name)) throw new Error(`SARIF log name "${name}" is taken or not a plain file name`);
      byName.set(name, []);
      files.push(join(dir, `${name}.sarif`));
      writeFileSync(join(dir, `${name}.sarif`), text);
    };
    write(CANARY, CANARY_LOG);
    for (const [name, text] of Object.entries(logs)) {
      write(name, text);
      const { $schema: _dropped, ...witness } = JSON.parse(text);
      write(witnessOf(name), JSON.stringify(witness, null, 2));
    }
    const out = join(dir, 'validation.sarif');
    // Invariant globalization: the validator needs no ICU culture data, so libicu is not a requirement.
    execFileSync(MULTITOOL, ['validate', ...files, '--output', out, '--log', 'ForceOverwrite', '--quiet'], {
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const run = JSON.parse(readFileSync(out, 'utf8')).runs[0];
    const executionSuccessful: unknown = run.invocations?.[0]?.executionSuccessful;
    if (executionSuccessful !== true) throw new Error(`the SARIF multitool reported executionSuccessful ${JSON.stringify(executionSuccessful)}`);
    for (const r of run.results ?? []) {
      const uri: string = r.locations[0].physicalLocation.artifactLocation.uri;
      const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)).replace(/\.sarif$/, '');
      const results = byName.get(name);
      if (!results) throw new Error(`the SARIF multitool reported on ${uri}, which it was not given`);
      // SARIF §3.27.10: a result without "level" takes its rule's default, else "warning".
      const level: string = r.level ?? run.tool.driver.rules?.[r.ruleIndex]?.defaultConfiguration?.level ?? 'warning';
      results.push([r.ruleId, level]);
    }
    return byName;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The results that make a log invalid: those at error or warning level. */
export function sarifProblems(results: readonly MultitoolResult[] | undefined): MultitoolResult[] {
  if (results === undefined) throw new Error('no multitool results for this log: it was not validated');
  return results.filter(([, level]) => level === 'error' || level === 'warning');
}
