// Installs the locked dependencies (npm ci) when node_modules is missing or older than package-lock.json,
// so a build after a change of the lock file gets exactly what it names, and other builds skip the install.
// Uses the machine's npm; the lock file records no download addresses.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json';

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (!stale) {
  process.exit(0);
}
console.log('[console] npm ci (package-lock.json changed or node_modules missing)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
