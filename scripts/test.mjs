#!/usr/bin/env node
// `npm test`: every test of the repository, in the order that fails fastest, with each step's time.
// The static checks, unit tests and the build need no server and mostly one core each, so they run side
// by side (their output is printed whole when each ends, not interleaved); the suites that start servers
// run one after the other, on that build. Steps are root package.json scripts, so each can also be run alone.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each entry is one step; an array is steps run side by side. The integration suite at the real clock
 * and at the fixed instants (scripts/test-at-instants.mjs) is one jest run: one build, one template
 * database, and both workers busy until the last file.
 */
const PLAN = [
  'build:shared',
  ['lint', 'typecheck:workspaces', { script: 'test:unit', onNode24: true }, 'build:apps'],
  { script: 'test:instants', label: 'integration tests at the real clock and at fixed instants', env: { EQUIPOLE_TEST_LAYERS: 'integration', EQUIPOLE_TEST_REAL_CLOCK: 'true', EQUIPOLE_TEST_BUILT: 'true' } },
  { script: 'test:instants', label: 'browser tests at the real clock and journeys at fixed instants', env: { EQUIPOLE_TEST_LAYERS: 'browser', EQUIPOLE_TEST_REAL_CLOCK: 'true' } },
  'test:bench',
];

/**
 * CI (.ci/run) sets EQUIPOLE_TEST_NODE24_BIN to Node 24's folder: the steps marked `onNode24` (the unit
 * tests) run there instead of on the machine's Node, as the integration runs at the last two instants
 * and the clock-free files do (scripts/test-at-instants.mjs); everything else runs on the machine's Node.
 */
const NODE24_BIN = process.env.EQUIPOLE_TEST_NODE24_BIN?.trim() || undefined;

function run(step, { buffered }) {
  const { script, env = {}, onNode24 = false } = typeof step === 'string' ? { script: step } : step;
  const node24 = onNode24 && NODE24_BIN ? { PATH: `${NODE24_BIN}:${process.env.PATH}` } : {};
  const label = (typeof step === 'string' ? undefined : step.label) ?? `${script}${node24.PATH ? ' (Node 24)' : ''}`;
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, env: { ...process.env, ...env, ...node24 }, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (buffered) process.stdout.write(`\n=== ${label}\n${Buffer.concat(output).toString()}`);
      const ok = code === 0;
      console.log(`=== ${label}: ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      done({ label, ok, seconds });
    });
  });
}

const started = Date.now();
const times = [];
for (const step of PLAN) {
  const steps = Array.isArray(step) ? step : [step];
  if (steps.length > 1) console.log(`\n=== ${steps.map((one) => (typeof one === 'string' ? one : one.script)).join(', ')} (side by side)`);
  const results = await Promise.all(steps.map((one) => run(one, { buffered: steps.length > 1 })));
  times.push(...results);
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    console.log(`\nnpm test FAILED at ${failed.map((result) => result.label).join(', ')}`);
    process.exit(1);
  }
}
const total = Math.round((Date.now() - started) / 1000);
console.log(`\nnpm test passed in ${total} s: ${times.map(({ label, seconds }) => `${label} ${seconds} s`).join(', ')}`);
