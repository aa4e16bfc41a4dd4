// npm run bench, live part: `oke-cni check` (the built bin, a child process) against the fake OCI API
// started in this process on 127.0.0.1, on a fake tenancy of 50 compartments, 10 clusters and 200 node
// pools sharing 5 pod subnets, beside a baseline of the same check on a 1-compartment, 1-cluster,
// 1-pool tenancy measured in the same run. Reports API calls (from the server's request log, by
// operation) and wall time (median of interleaved runs, process start included), and the ratio.
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'oke-cni.js');
const runs = Math.max(3, Math.floor(Number(process.env.BENCH_RUNS ?? 21) / 4));
const dir = mkdtempSync(join(tmpdir(), 'oke-cni-bench-live-'));

function run(args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 && code !== 1) reject(new Error(`oke-cni ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, code, stdout });
    });
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const entry = join(dir, 'bench-entry.mjs');
  await build({ entryPoints: [join(root, 'test/live/bench-entry.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: entry, logLevel: 'error' });
  const { startFakeOci, benchTenancy, ocid } = await import(pathToFileURL(entry).href);

  // A throw-away API key in the temp dir (the fake server does not check signatures here).
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const fingerprint = createHash('md5').update(publicKey).digest('hex').match(/../g).join(':');
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, privateKey, { mode: 0o600 });
  const configFile = join(dir, 'config');
  writeFileSync(configFile, `[DEFAULT]\nuser=ocid1.user.oc1..aaaauser\nfingerprint=${fingerprint}\ntenancy=ocid1.tenancy.oc1..aaaatenancy\nregion=us-ashburn-1\nkey_file=${keyFile}\n`, { mode: 0o600 });
  const env = { PATH: process.env.PATH ?? '', HOME: dir, OCI_CLI_CONFIG_FILE: configFile };
  const fixtures = pathToFileURL(join(root, 'test/fixtures/oci/'));

  const cases = [
    { name: 'baseline: 1 compartment, 1 cluster, 1 pool, 1 pod subnet', spec: { compartments: 1, clusters: 1, pools: 1, podSubnets: 1 } },
    { name: '50 compartments, 10 clusters, 200 pools, 5 pod subnets', spec: { compartments: 50, clusters: 10, pools: 200, podSubnets: 5 } },
  ];
  const servers = [];
  for (const c of cases) servers.push(await startFakeOci(benchTenancy({ ...c.spec, fixtures }).world));
  try {
    const args = (fake) => ['check', '--cluster', ocid('cluster', 'cluster0'), '--endpoint', fake.url, '--format', 'json'];
    const samples = cases.map(() => []);
    const calls = cases.map(() => []);
    const byOperation = cases.map(() => ({}));
    let report;
    for (let i = 0; i < runs; i++) {
      for (const [j, fake] of servers.entries()) {
        fake.requests.length = 0;
        const r = await run(args(fake), env);
        samples[j].push(r.ms);
        calls[j].push(fake.requests.length);
        if (i === 0) {
          for (const q of fake.requests) {
            const op = q.path.replace(/^\/\d+\//, '').replace(/\/ocid1\.[^/]+/g, '/{id}');
            byOperation[j][op] = (byOperation[j][op] ?? 0) + 1;
          }
          if (j === 1) report = JSON.parse(r.stdout);
        }
      }
    }
    console.log(`\nLive check against the fake OCI API on 127.0.0.1 (built bin, process start included; median of ${runs} interleaved runs)`);
    for (const [j, c] of cases.entries()) {
      const n = new Set(calls[j]);
      console.log(`  ${c.name.padEnd(56)} ${String([...n].join('/')).padStart(4)} API calls ${median(samples[j]).toFixed(0).padStart(6)} ms`);
    }
    console.log(`  ratio to the baseline: ${(median(samples[1]) / median(samples[0])).toFixed(2)}x time, ${(calls[1][0] / calls[0][0]).toFixed(1)}x API calls`);
    console.log(`  calls by route (50-compartment tenancy): ${Object.entries(byOperation[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const shared = report.podSubnets.map((p) => `${p.name} ${p.pools.length} pools (${p.otherClusterPools} of other clusters)`).join(', ');
    console.log(`  found: ${report.searched.compartments} compartments searched; ${shared}`);
  } finally {
    for (const s of servers) await s.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
