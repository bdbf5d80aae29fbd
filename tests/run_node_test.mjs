// Runs one node test file for CTest (tests/CMakeLists.txt adds one entry per file) and fails when the
// file fails, when any of its tests is skipped or left as todo, or when it ran no test at all, so a
// test cannot pass by being skipped. Usage: node tests/run_node_test.mjs FILE
import { spawnSync } from 'node:child_process';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/run_node_test.mjs FILE');
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', file], {
  stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 512 << 20,
});
process.stdout.write(r.stdout ?? '');
if (r.error) {
  console.error(`${file}: ${r.error.message}`);
  process.exit(1);
}
const count = (name) => {
  const m = (r.stdout ?? '').match(new RegExp(`^# ${name} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : NaN;
};
const [pass, fail, skipped, todo, cancelled] = ['pass', 'fail', 'skipped', 'todo', 'cancelled'].map(count);
if (r.status !== 0) process.exit(r.status || 1);
const problems = [];
if (!(pass > 0)) problems.push('no test passed (or no summary)');
if (fail > 0 || cancelled > 0) problems.push(`${fail} failed, ${cancelled} cancelled`);
if (skipped !== 0) problems.push(`${skipped} skipped`);
if (todo !== 0) problems.push(`${todo} todo`);
if (problems.length > 0) {
  console.error(`${file}: ${problems.join('; ')}: a skipped test is a failure under make test`);
  process.exit(1);
}
