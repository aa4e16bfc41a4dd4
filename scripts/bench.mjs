// npm run bench: wall times of oke-cni commands as ratios to a baseline measured in the same run
// (bare `node -e 0` for start-up; the small lint config for lint growth). Medians of interleaved
// runs, so a busy machine slows baseline and command alike.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConfig } from './gen-config.mjs';
import { generatePlan } from './gen-plan.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'oke-cni.js');
const runs = Number(process.env.BENCH_RUNS ?? 21);

// stdout is captured through a pipe, as a CI runner or `| jq` reads it (oke-cni writes a file,
// pipe or socket with fs.writeSync; a terminal or /dev/null through process.stdout).
function timeOnce(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Interleave the commands so each sees the same machine load. */
function measure(commands, n = runs) {
  const samples = commands.map(() => []);
  for (let i = 0; i < n; i++) commands.forEach((c, j) => samples[j].push(timeOnce(c.args)));
  return commands.map((c, j) => ({ name: c.name, goal: c.goal, ms: median(samples[j]) }));
}

const plan = ['plan', '--shape', 'VM.Standard.E4.Flex', '--ocpus', '8', '--nodes', '20', '--pod-subnet', '10.0.64.0/18'];
const startup = measure([
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'oke-cni plan (table)', args: [bin, ...plan] },
  { name: 'oke-cni plan --json', args: [bin, ...plan, '--json'] },
  { name: 'oke-cni shapes', args: [bin, 'shapes'] },
  // No goal: lint loads the readers and the rules; shown for comparison.
  { name: 'oke-cni lint passing.yaml', args: [bin, 'lint', 'examples/passing.yaml'], goal: false },
]);
const base = startup[0].ms;
// Issue 11: plan and shapes start in at most 1.3x the time of bare Node.
const STARTUP_GOAL = 1.3;
console.log(`Start-up, median of ${runs} runs (goal: plan and shapes <= ${STARTUP_GOAL}x bare node)`);
for (const r of startup) {
  const ratio = r.ms / base;
  const verdict = r === startup[0] || r.goal === false ? '' : ratio <= STARTUP_GOAL ? '  within the goal' : `  above the ${STARTUP_GOAL}x goal`;
  console.log(`  ${r.name.padEnd(28)} ${r.ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x${verdict}`);
}

const dir = mkdtempSync(join(tmpdir(), 'oke-cni-bench-'));
try {
  const sizes = [
    { pools: 2000, subnets: 1000 },
    { pools: 20000, subnets: 10000 },
  ];
  const files = sizes.map((s) => {
    const file = join(dir, `config-${s.pools}.yaml`);
    writeFileSync(file, generateConfig(s));
    return { ...s, file };
  });
  const lint = measure(
    files.map((f) => ({ name: `lint ${f.pools} pools / ${f.subnets} subnets`, args: [bin, 'lint', f.file, '--format', 'json'] })),
    Math.max(3, Math.floor(runs / 4)),
  );
  console.log('\nLint of generated configs (goal: linear growth, ratio ~10 for 10x input)');
  for (const r of lint) console.log(`  ${r.name.padEnd(36)} ${r.ms.toFixed(0).padStart(7)} ms`);
  console.log(`  growth ratio (10x input): ${(lint[1].ms / lint[0].ms).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Terraform plans of 5, 20 and 50 MB (generated into a temp dir, never committed): wall time and
// peak RSS of `lint --format json` beside the baseline of node reading the file and JSON.parse of
// it, in the same run, medians of BENCH_PLAN_RUNS (default 3) interleaved runs. Goals: at most 3x
// the baseline's time, at most 4x the file size in RSS. CPU time (user + system) is shown beside
// wall time: on a busy machine it is the steadier ratio. Two mixes (scripts/gen-plan.mjs): only
// what lint reads (the worst case), and a large tenancy's mix, where most resources are others.
const planRuns = Number(process.env.BENCH_PLAN_RUNS ?? 3);
const planDir = mkdtempSync(join(tmpdir(), 'oke-cni-bench-plans-'));
try {
  const rssHook = join(planDir, 'rss.cjs');
  writeFileSync(
    rssHook,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.OKE_CNI_BENCH_RSS, `${u.maxRSS * 1024} ${(u.userCPUTime + u.systemCPUTime) / 1000}`); });\n",
  );
  const once = (args, tag) => {
    const rssFile = join(planDir, `${tag}.rss`);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', rssHook, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OKE_CNI_BENCH_RSS: rssFile } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    const [rss, cpu] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
    return { ms, rss, cpu };
  };
  const medianOf = (runs) => ({ ms: median(runs.map((r) => r.ms)), rss: median(runs.map((r) => r.rss)), cpu: median(runs.map((r) => r.cpu)) });
  const MB = (n) => `${(n / 1e6).toFixed(0)} MB`;
  for (const [mix, title] of [
    ['network', 'only VCNs, subnets, clusters and node pools: everything is read (the worst case)'],
    ['tenancy', "a large tenancy's mix: the network among instances, volumes, DNS, IAM, load balancers, ..."],
  ]) {
    console.log(`\nLint of generated Terraform plans, ${title}\n  (goals: <= 3x the baseline time, RSS <= 4x the file size; medians of ${planRuns} runs)`);
    for (const mb of [5, 20, 50]) {
      const file = join(planDir, `plan-${mix}-${mb}mb.json`);
      writeFileSync(file, generatePlan(mb * 1e6, { mix }));
      const size = statSync(file).size;
      const base = [];
      const lint = [];
      for (let i = 0; i < planRuns; i++) {
        base.push(once(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], `base-${mix}-${mb}-${i}`));
        lint.push(once([bin, 'lint', file, '--format', 'json'], `lint-${mix}-${mb}-${i}`));
      }
      const b = medianOf(base);
      const l = medianOf(lint);
      console.log(
        `  ${MB(size).padStart(6)} plan: baseline ${b.ms.toFixed(0).padStart(6)} ms ${MB(b.rss).padStart(7)} RSS | lint ${l.ms.toFixed(0).padStart(6)} ms ${MB(l.rss).padStart(7)} RSS` +
          ` | ${(l.ms / b.ms).toFixed(2)}x time (CPU ${(l.cpu / b.cpu).toFixed(2)}x), RSS ${(l.rss / size).toFixed(1)}x the file (baseline ${(b.rss / size).toFixed(1)}x)`,
      );
      rmSync(file, { force: true });
    }
  }
} finally {
  rmSync(planDir, { recursive: true, force: true });
}

// `check` on a fake tenancy of 50 compartments, 10 clusters and 200 pools (scripts/bench-live.mjs).
await import('./bench-live.mjs');
