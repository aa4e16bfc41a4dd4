/**
 * `oke-cni updates`: which nodes still wait for a VCN-Native Pod Networking CNI update, read
 * through kubectl (the seed's `kubectl logs ... | grep "reboot required"`, plus the DaemonSet's
 * revisions and images). kubectl runs without a shell, with a timeout and an output bound.
 */
import { Command, Option } from 'commander';
import { UserError } from '../core/errors.js';
import { CNI_DAEMONSET, CNI_NAMESPACE, CNI_ON_DELETE_SINCE_VERSION } from '../core/facts.js';
import { decimalNumber, wholeNumber } from './args.js';
import { addFormatOption, chosenFormat } from './format-option.js';
import { colorEnabled, terminalWidth } from './io.js';
import type { CommandEnv } from './env.js';
import { DATA_FORMATS, type DataFormat } from '../report/formats.js';

/** oke-cni's own bounds for kubectl runs (not OCI numbers). */
export const UPDATES_DEFAULTS = {
  timeoutSeconds: 30,
  /** Log lines per container read from each pod. kubectl's own default with -l is only 10. */
  tail: 2000,
  /** Bytes read from one `kubectl get` (a 5,000-node `get nodes -o json` is ~100 MB; raise --timeout and use a smaller cluster view beyond that). */
  maxOutputBytes: 256 * 1024 * 1024,
  /** Bytes of log read per pod (kubectl logs --limit-bytes). */
  logBytes: 8 * 1024 * 1024,
  /** kubectl logs runs at once. */
  concurrency: 4,
} as const;

interface UpdatesFlags {
  kubectl: string;
  kubeconfig?: string;
  context?: string;
  namespace: string;
  daemonset: string;
  tail: number;
  timeout: number;
  verbose?: boolean;
  color?: boolean;
}

const FAILURE_TEXT = {
  missing: 'kubectl missing',
  'no-access': 'no access to the cluster',
  'not-found': 'not found',
  config: 'kubeconfig problem',
  timeout: 'kubectl timed out',
  'too-large': 'kubectl output too large',
  failed: 'kubectl failed',
} as const;

export function updatesCommand(env: CommandEnv): Command {
  const cmd = new Command('updates')
    .description('which nodes still wait for a VCN-Native Pod Networking CNI plugin update (read with kubectl)')
    .option('--kubectl <path>', 'the kubectl executable: a path, or a name looked up on PATH', 'kubectl')
    .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, as kubectl does)')
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('--namespace <name>', "the CNI DaemonSet's namespace", CNI_NAMESPACE)
    .option('--daemonset <name>', 'the CNI DaemonSet', CNI_DAEMONSET)
    .addOption(new Option('--tail <lines>', 'log lines read per pod and container').default(UPDATES_DEFAULTS.tail).argParser(wholeNumber(1, 1_000_000)))
    .addOption(new Option('--timeout <seconds>', 'per kubectl run').default(UPDATES_DEFAULTS.timeoutSeconds).argParser(decimalNumber(0, 600, true)))
    .option('--verbose', 'one stderr line per kubectl run');
  return addFormatOption(cmd, DATA_FORMATS)
    .addHelpText(
      'after',
      `
Reads the ${CNI_DAEMONSET} DaemonSet, its pods, their nodes, its ControllerRevisions and each
pod's log (the last --tail lines). A node waits when its pod's log says "reboot required"
(the OCI page's signal) or its pod is on an older DaemonSet revision than the current one.
Since CNI plugin ${CNI_ON_DELETE_SINCE_VERSION} the DaemonSet uses OnDelete and OCI deploys no update by
itself, so old pods stay old until their nodes are replaced.

Examples:
  $ oke-cni updates
  $ oke-cni updates --context prod --format json
  $ KUBECONFIG=~/.kube/prod oke-cni updates --tail 10000

Exit codes: 0 no node waits, 1 some node waits (or could not be checked), 2 kubectl is
missing, has no access, or the DaemonSet is absent.`,
    )
    .action(async (_opts, self: Command) => {
      const flags = self.optsWithGlobals<UpdatesFlags>();
      const format = chosenFormat<DataFormat>(self);
      for (const [flag, value] of [['--kubectl', flags.kubectl], ['--kubeconfig', flags.kubeconfig], ['--context', flags.context], ['--namespace', flags.namespace], ['--daemonset', flags.daemonset]] as const) {
        if (value !== undefined && value.trim() === '') throw new UserError('is empty', flag);
      }
      const [{ kubectlRunner, KubectlError }, { readCniState }, { updatesReport, updatesExitCode }, report] = await Promise.all([
        import('../sources/kubectl/run.js'),
        import('../sources/kubectl/cni.js'),
        import('../core/updates.js'),
        import('../report/updates.js'),
      ]);
      const run = kubectlRunner({
        kubectl: flags.kubectl,
        kubeconfig: flags.kubeconfig,
        context: flags.context,
        env: env.io.env,
        timeoutSeconds: flags.timeout,
        maxOutputBytes: UPDATES_DEFAULTS.maxOutputBytes,
      });
      const kubectl = flags.verbose
        ? async (args: readonly string[]) => {
            const started = Date.now();
            try {
              return await run(args);
            } finally {
              env.io.stderr(`kubectl ${args.join(' ')} (${Date.now() - started} ms)\n`);
            }
          }
        : run;
      let input;
      try {
        input = await readCniState(kubectl, {
          namespace: flags.namespace,
          daemonSet: flags.daemonset,
          tail: flags.tail,
          logBytes: UPDATES_DEFAULTS.logBytes,
          concurrency: UPDATES_DEFAULTS.concurrency,
        });
      } catch (err) {
        if (err instanceof KubectlError) {
          const what = err.failure === 'not-found' && err.message.startsWith('DaemonSet ') ? 'DaemonSet absent' : FAILURE_TEXT[err.failure];
          throw new UserError(`${err.message} (${err.command})`, what);
        }
        throw err;
      }
      const result = updatesReport(input);
      env.io.stdout(format === 'json' ? report.renderUpdatesJson(result) : report.renderUpdatesTable(result, colorEnabled(flags, env.io), terminalWidth(env.io)));
      env.setExitCode(updatesExitCode(result));
    });
}
