// Runs every test/*.test.js with uvu in one process and ends with one line
// `N passed, N failed` built from uvu's own totals. Exit code: uvu's (non-zero on any failure).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const uvu = join(root, 'node_modules', 'uvu', 'bin.js');
const args = [uvu, 'test', '\\.test\\.js$', ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (b) => { process.stdout.write(b); out += b.toString(); });
child.on('close', (code) => {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (label) => { const m = plain.match(new RegExp(`${label}:\\s+(\\d+)`)); return m ? Number(m[1]) : null; };
  const total = num('Total'), passed = num('Passed'), skipped = num('Skipped') ?? 0;
  if (total === null || passed === null) {
    // uvu died before printing its summary (e.g. a test file failed to import)
    console.log(`\n0 passed, 1 failed`);
    process.exit(code || 1);
  }
  const failed = total - passed; // uvu's Total counts the tests that ran (skipped ones are not in it)
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? (failed ? 1 : 0));
});
