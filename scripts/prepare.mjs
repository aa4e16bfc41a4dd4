// `prepare`: builds dist/ after `npm ci` in a clone, and when npm installs oke-cni from git
// (`npm install -g github:oke-cni/oke-cni`, pre-commit's node hooks). For a global git install,
// npm 11 prepares the clone with an `npm install` that inherits the global flag
// (npm_config_global), so the clone's own devDependencies, esbuild among them, are not installed
// before this runs; then they are installed here, into the clone, and the build goes on.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
function hasEsbuild() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (!hasEsbuild()) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_(global|prefix|location)$/i.test(key)) delete env[key];
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const r = spawnSync(npm[0], [...npm.slice(1), 'install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--location=project'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import('./build.mjs');
