/**
 * The project config file (.oke-cni.yaml) meets the flags: the file is found (or named by
 * --config / OKE_CNI_CONFIG), read, and its settings fill in what the command line left at its
 * default. A flag given on the command line always wins; --disable adds to the file's list.
 */
import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import type { RunLintOptions } from '../core/lint.js';
import { formatLocation, type Severity } from '../core/finding.js';
import { chooseConfigFile } from '../config/discover.js';
import type { ProjectConfig } from '../config/load.js';
import type { CliIo } from './io.js';
import type { FindingsFlags } from './findings-options.js';

/** The config in force for this run, or undefined when there is none. */
export async function readProjectConfig(self: Command, io: CliIo): Promise<ProjectConfig | undefined> {
  const { config: flag } = self.optsWithGlobals<{ config?: string }>();
  const choice = chooseConfigFile(flag, io.env, io.cwd);
  if (choice === undefined) return undefined;
  // A found file is named relative to the working directory, as the user would type it.
  const shownAs = choice.via === 'found' ? relative(io.cwd, choice.path) || choice.path : choice.path;
  const [{ loadProjectConfig }, { ruleIds }] = await Promise.all([import('../config/load.js'), import('../rules/index.js')]);
  const absolute = resolve(io.cwd, choice.path);
  return loadProjectConfig(absolute, shownAs, ruleIds);
}

/** True when the user typed the option (not its default, not the config file). */
function given(self: Command, option: string): boolean {
  const source = self.getOptionValueSource(option);
  return source !== undefined && source !== 'default';
}

/** --catalog, else the config's catalog. */
export function catalogOf(flags: { catalog?: string }, config: ProjectConfig | undefined): string | undefined {
  return flags.catalog ?? config?.catalog;
}

/**
 * Fills lint/check flags from the config where the command line did not set them, and returns
 * the runner's options. `flags.failOn` is updated in place (the exit code reads it later).
 */
export function findingsSettings(self: Command, flags: FindingsFlags, config: ProjectConfig | undefined): RunLintOptions {
  if (config?.failOn !== undefined && !given(self, 'failOn')) flags.failOn = config.failOn;
  if (config?.baseline !== undefined && !given(self, 'baseline') && flags.writeBaseline === undefined) flags.baseline = config.baseline;
  const headroomPercent = config?.headroom !== undefined && !given(self, 'headroom') ? config.headroom : flags.headroom;
  const disable = [...new Set([...(config?.disable.map((d) => d.value) ?? []), ...(flags.disable ?? [])])];
  const severity = new Map<string, Severity>(config?.severity.map((s) => [s.value.ruleId, s.value.severity]) ?? []);
  const suppress = new Map(config?.suppress.map((s) => [s.value.ruleId, { reason: s.value.reason, source: `${formatLocation(s.at)} (disable)` }]) ?? []);
  return { disable, headroomPercent, severity, suppress };
}
