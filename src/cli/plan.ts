/** `oke-cni plan`: flags -> capacity core -> report. */
import { Command, Option } from 'commander';
import { ShapeIndex, vnicsFor } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/load.js';
import type { Cidr } from '../core/cidr.js';
import { UserError } from '../core/errors.js';
import { surgeNodesForPercent, usableAddresses } from '../core/capacity.js';
import { DEFAULT_MAX_SURGE, KUBERNETES_MAX_PODS_PER_NODE, LARGEST_SUBNET_PREFIX, MAX_PODS_PER_NODE_SECONDARY_VNICS } from '../core/facts.js';
import { DATA_FORMATS, type DataFormat } from '../report/formats.js';
import { ipCountList, loadCidrParsing, ocpuCount, subnetCidr, surgeValue, wholeNumber, type SurgeFlag } from './args.js';
import { addFormatOption, chosenFormat } from './format-option.js';
import { colorEnabled } from './io.js';
import { beforeParsing, type CommandEnv } from './env.js';
import { catalogOf, readProjectConfig } from './project-config.js';

interface PlanFlags {
  shape: string;
  ocpus?: number;
  maxPods?: number;
  nodes?: number;
  maxNodes?: number;
  surge: SurgeFlag;
  podSubnet?: Cidr[];
  sameSubnet?: boolean;
  secondaryVnics?: number[];
  compare?: boolean;
  catalog?: string;
  color?: boolean;
}

/**
 * The most nodes (or pods per node) a plan takes: more than the usable addresses of a /16, OCI's
 * largest subnet, never fit, since every node takes at least one pod-subnet address.
 */
const PLAN_COUNT_LIMIT = usableAddresses(LARGEST_SUBNET_PREFIX);

export function planCommand({ io, setExitCode }: CommandEnv): Command {
  const cmd = new Command('plan').description('pods per node, pod-subnet addresses per node, and whether a pod subnet holds the pool');
  return addFormatOption(beforeParsing(cmd, loadCidrParsing), DATA_FORMATS)
    .requiredOption('--shape <name>', 'compute shape of the node pool, e.g. VM.Standard.E4.Flex')
    .option('--ocpus <n>', 'OCPUs per node (required for flexible shapes)', ocpuCount)
    .option(
      '--max-pods <n>',
      `max pods per node (default: the most the shape allows, at most ${KUBERNETES_MAX_PODS_PER_NODE}; with --secondary-vnics the profiles' IPs, at most ${MAX_PODS_PER_NODE_SECONDARY_VNICS})`,
      wholeNumber(1, PLAN_COUNT_LIMIT),
    )
    .option('--nodes <n>', 'node count of the pool', wholeNumber(1, PLAN_COUNT_LIMIT))
    .option('--max-nodes <n>', 'autoscaler ceiling (default: --nodes)', wholeNumber(1, PLAN_COUNT_LIMIT))
    .addOption(
      new Option('--surge <n>', 'extra nodes during node cycling / upgrades (OKE maxSurge): a count, or a percentage of the largest pool size (25%, rounded up)')
        .default({ nodes: DEFAULT_MAX_SURGE }, String(DEFAULT_MAX_SURGE))
        .argParser(surgeValue(PLAN_COUNT_LIMIT)),
    )
    .option(
      '--pod-subnet <cidr>',
      'pod subnet CIDR to check, e.g. 10.0.64.0/18; repeat it for a subnet with several CIDR blocks (their usable addresses add up)',
      (value: string, previous: Cidr[] | undefined) => [...(previous ?? []), subnetCidr(value)],
    )
    .option('--same-subnet', 'worker nodes and pods share one subnet (each node takes one more address)')
    .option(
      '--secondary-vnics <ipCounts>',
      'plan with secondary VNIC profiles (OKE Generic VNIC Attachment): one ipCount per profile, e.g. 128,64; all in --pod-subnet',
      ipCountList,
    )
    .option('--compare', 'both allocation models side by side (legacy, and --secondary-vnics or one 256-IP profile)')
    .option('--catalog <file>', 'shape catalog file replacing the embedded one (see README)')
    .addHelpText(
      'after',
      `
Examples:
  $ oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 20 --pod-subnet 10.0.64.0/18
  $ oke-cni plan --shape VM.Standard2.4 --max-pods 64 --nodes 10 --max-nodes 30 --surge 3
  $ oke-cni plan --shape VM.Standard.E5.Flex --ocpus 2 --nodes 50 --json
  $ oke-cni plan --shape VM.Standard.E4.Flex --ocpus 4 --secondary-vnics 128,64 --nodes 20 --pod-subnet 10.0.64.0/18
  $ oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 20 --pod-subnet 10.0.64.0/18 --compare
  $ oke-cni plan --shape VM.Standard.E4.Flex --ocpus 8 --nodes 40 --pod-subnet 10.0.64.0/21 --pod-subnet 10.1.0.0/21

Exit codes: 0 the plan fits, 1 it does not (the reason and the fix are printed; with --compare, either
model does not), 2 bad input.`,
    )
    .action(async (_args, self: Command) => {
      const flags = self.optsWithGlobals<PlanFlags>();
      const format = chosenFormat<DataFormat>(self);
      const shapes = new ShapeIndex(await loadCatalog(catalogOf(flags, await readProjectConfig(self, io))));
      const shape = shapes.get(flags.shape);
      if (!shape) throw new UserError(shapes.unknownShapeMessage(flags.shape), '--shape');
      const vnics = vnicsFor(shape, flags.ocpus);
      if (!vnics.ok) throw new UserError(vnics.reason, '--ocpus');
      if (flags.nodes !== undefined && flags.maxNodes !== undefined && flags.maxNodes < flags.nodes) {
        throw new UserError(`the autoscaler ceiling ${flags.maxNodes} is below --nodes ${flags.nodes}`, '--max-nodes');
      }
      if (flags.podSubnet) refuseOverlappingBlocks(flags.podSubnet, (await import('../core/cidr.js')).cidrsOverlap);
      const largest = Math.max(flags.nodes ?? 0, flags.maxNodes ?? 0);
      const input = {
        listShapes: shapes.listCommand(),
        shape,
        ocpus: flags.ocpus,
        vnics: vnics.vnics,
        maxPods: flags.maxPods,
        nodes: flags.nodes ?? flags.maxNodes,
        maxNodes: flags.maxNodes,
        surge: 'nodes' in flags.surge ? flags.surge.nodes : surgeNodesForPercent(flags.surge.percent, largest),
        surgePercent: 'percent' in flags.surge ? flags.surge.percent : undefined,
        podSubnet: flags.podSubnet,
        sameSubnet: flags.sameSubnet === true,
        secondaryVnics: flags.secondaryVnics,
      };
      const color = colorEnabled(flags, io);
      // The planner and its report are loaded here: every other command's start-up skips them.
      const [{ comparePlans, planCapacity, planExitCode }, { renderComparisonJson, renderComparisonTable, renderPlanJson, renderPlanTable }] = await Promise.all([
        import('../core/plan.js'),
        import('../report/plan.js'),
      ]);
      if (flags.compare) {
        const comparison = comparePlans(input);
        io.stdout(format === 'json' ? renderComparisonJson(comparison) : renderComparisonTable(comparison, shape, color));
        setExitCode(comparison.fits ? 0 : 1);
        return;
      }
      const result = planCapacity(input);
      io.stdout(format === 'json' ? renderPlanJson(result) : renderPlanTable(result, shape, color));
      setExitCode(planExitCode(result));
    });
}

/** A subnet's CIDR blocks never overlap (OCI refuses such a block): an overlap is a typo, not a plan. */
function refuseOverlappingBlocks(blocks: readonly Cidr[], cidrsOverlap: (a: Cidr, b: Cidr) => boolean): void {
  for (const [i, a] of blocks.entries()) {
    for (const b of blocks.slice(i + 1)) {
      if (cidrsOverlap(a, b)) {
        const what = a.text === b.text ? `${a.text} is given twice` : `${a.text} and ${b.text} overlap`;
        throw new UserError(`${what}: the CIDR blocks of one subnet cannot overlap; give each block once`, '--pod-subnet');
      }
    }
  }
}
