#!/usr/bin/env node
// `npm test`: every test of the repository, in the order that fails fastest, with each step's time.
// The static checks and unit tests need no server and mostly one core each, so they run side by side
// (their output is printed whole when each ends, not interleaved); the suites that start servers run
// one after the other. Steps are root package.json scripts, so each can also be run alone.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each entry is one step; an array is steps run side by side. */
const PLAN = [
  'build:shared',
  ['lint', 'typecheck:workspaces', 'test:unit'],
  'test:integration',
  'test:browser',
  'test:instants',
  'test:bench',
];

function run(script, { buffered }) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (buffered) process.stdout.write(`\n=== ${script}\n${Buffer.concat(output).toString()}`);
      const ok = code === 0;
      console.log(`=== ${script}: ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      done({ script, ok, seconds });
    });
  });
}

const started = Date.now();
const times = [];
for (const step of PLAN) {
  const scripts = Array.isArray(step) ? step : [step];
  if (scripts.length > 1) console.log(`\n=== ${scripts.join(', ')} (side by side)`);
  const results = await Promise.all(scripts.map((script) => run(script, { buffered: scripts.length > 1 })));
  times.push(...results);
  const failed = results.filter((result) => !result.ok);
  if (failed.length > 0) {
    console.log(`\nnpm test FAILED at ${failed.map((result) => result.script).join(', ')}`);
    process.exit(1);
  }
}
const total = Math.round((Date.now() - started) / 1000);
console.log(`\nnpm test passed in ${total} s: ${times.map(({ script, seconds }) => `${script} ${seconds} s`).join(', ')}`);
