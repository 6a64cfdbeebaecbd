#!/usr/bin/env node
// Runs the integration suite and the time-sensitive browser journeys again with business time set to
// fixed instants (EQUIPOLE_NOW), so that a test depending on the real date or hour fails here, every
// time, instead of on some day in CI. docs/architecture.md, "Time and the clock".
//
//   node scripts/test-at-instants.mjs                 two instants; with CI=true, all five (both layers)
//   EQUIPOLE_TEST_INSTANTS=all node scripts/…          every instant, both layers
//   EQUIPOLE_TEST_INSTANTS=2027-03-28T01:30:00+01:00   the instants listed (comma-separated)
//   EQUIPOLE_TEST_LAYERS=integration                    only one layer (integration or browser)
//   EQUIPOLE_TEST_NODE24_BIN=<dir>                      CI: the integration runs from the fourth instant on, and the
//                                                       clock-free files at the real clock, use the node binary in <dir>
//   EQUIPOLE_TEST_REAL_CLOCK=true                       the first integration run, and the browser run, also hold the
//                                                       whole suite at the real clock (npm test: one run a layer)
//   EQUIPOLE_TEST_BUILT=true                            the API's dist/ is fresh (npm test): no tsc before jest
//   node scripts/test-at-instants.mjs --clock-free      the clock-free integration files alone, at the real clock
//   node scripts/test-at-instants.mjs --dry-run         prints the runs it would make
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each one is a moment when date arithmetic goes wrong; the first two run on every `npm test`. */
const INSTANTS = [
  ['2027-01-10T20:30:00+01:00', 'Sunday evening: "next week" starts tomorrow, inside a day of lead time'],
  ['2027-03-28T01:30:00+01:00', 'half an hour before clocks go forward (02:00 → 03:00)'],
  ['2027-10-31T02:30:00+02:00', 'the first 02:30 of the night clocks go back (03:00 → 02:00)'],
  ['2026-12-31T23:30:00+01:00', "New Year's Eve in Brussels: already next year in UTC+2, still this year in UTC"],
  ['2028-02-29T12:00:00+01:00', 'a 29 February'],
];

/**
 * Integration files that never read business time, left out of the runs at fixed instants: the server's
 * start-up, restarts and shutdown, the admin command and backups, several instances and database outages,
 * the migrations' upgrade path, and the demo generator, which already runs itself at every one of these
 * instants (demo-data.e2e-spec.ts).
 */
const CLOCK_FREE_INTEGRATION_FILES = [
  'startup', 'migrations-upgrade', 'demo-data', 'admin', 'backups', 'shutdown', 'instances', 'database-outage',
  // …and the files about the platform's edges, which create no booking and compute no date.
  'access-log', 'clusters', 'embedded-database-access', 'errors', 'health', 'metrics', 'organisations',
];
const clockFreePattern = (name) => `/${name}\\.e2e-spec\\.ts$`;

if (process.argv.includes('--clock-free')) {
  const result = spawnSync('npm', ['run', 'test:integration', '-w', '@equipole/api', '--', ...CLOCK_FREE_INTEGRATION_FILES.map(clockFreePattern)], {
    cwd: ROOT, stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

/** The browser journeys that depend on "now", and the projects per instant: apps/web/e2e/vitest.config.ts. */

/**
 * Which instants the layers run at: CI all five (the browser journeys at an instant cost about 50 s of
 * the run's time on a quiet two-core machine, servers and demo included), npm test elsewhere the first two.
 */
function chosenInstants() {
  const wanted = process.env.EQUIPOLE_TEST_INSTANTS?.trim();
  if (wanted === 'all') return INSTANTS;
  if (wanted) return wanted.split(',').map((instant) => [instant.trim(), 'given']);
  if (process.env.CI === 'true') return INSTANTS;
  return INSTANTS.slice(0, 2);
}

const NODE24_BIN = process.env.EQUIPOLE_TEST_NODE24_BIN?.trim() || undefined;
/** npm test built the API just before (build:apps): the integration runs skip their own tsc. */
const BUILT = process.env.EQUIPOLE_TEST_BUILT === 'true';
const layers = (process.env.EQUIPOLE_TEST_LAYERS ?? 'integration,browser').split(',').map((layer) => layer.trim());
const byLayer = { integration: chosenInstants(), browser: chosenInstants() };
const ignoreClockFree = CLOCK_FREE_INTEGRATION_FILES.map(clockFreePattern);
const runs = [];

if (layers.includes('integration')) {
  // One jest run per node binary, one project per instant (jest-integration.config.js, EQUIPOLE_TEST_RUNS).
  // EQUIPOLE_TEST_REAL_CLOCK=true (npm test): the first run also holds the whole suite at the real clock.
  const realClock = process.env.EQUIPOLE_TEST_REAL_CLOCK === 'true';
  const groups = [{ nodeBin: undefined, instants: byLayer.integration, realClock }];
  if (NODE24_BIN) {
    // On CI, Node 24 takes the instants from the fourth on, and the clock-free files at the real clock
    // (.ci/run), in the same jest run: its workers stay busy until the last file of all of them. The
    // split evens the two runs out (the clock-free files weigh about as much as one instant and a half).
    groups.splice(0, 1, { nodeBin: undefined, instants: byLayer.integration.slice(0, 3), realClock }, { nodeBin: NODE24_BIN, instants: byLayer.integration.slice(3), clockFree: true });
  }
  for (const group of groups) {
    if (group.instants.length === 0 && !group.clockFree && !group.realClock) continue;
    const projects = group.instants.map(([instant]) => ({ instant, ignore: ignoreClockFree }));
    // On CI the clock-free files run once, on Node 24 (below): at the real clock, Node 20 runs the rest.
    if (group.realClock) projects.unshift(NODE24_BIN ? { instant: '', ignore: ignoreClockFree } : { instant: '' });
    if (group.clockFree) projects.push({ instant: '', only: `/(${CLOCK_FREE_INTEGRATION_FILES.join('|')})\\.e2e-spec\\.ts$` });
    runs.push({
      layer: 'integration',
      label: [
        ...(group.realClock ? ['the real clock'] : []),
        ...group.instants.map(([instant]) => instant),
        ...(group.clockFree ? ['the real clock (clock-free files)'] : []),
      ].join(', '),
      why: group.instants.map(([, why]) => why).join('; '),
      args: ['run', BUILT ? 'test:integration:built' : 'test:integration', '-w', '@equipole/api'],
      env: { EQUIPOLE_TEST_RUNS: JSON.stringify(projects) },
      nodeBin: group.nodeBin,
    });
  }
}
if (layers.includes('browser')) {
  // One vitest run, one project per instant (each with its own servers, the first on the embedded
  // database); EQUIPOLE_TEST_REAL_CLOCK=true (npm test) adds the whole browser suite at the real clock.
  const realClock = process.env.EQUIPOLE_TEST_REAL_CLOCK === 'true';
  runs.push({
    layer: 'browser',
    label: [...(realClock ? ['the real clock'] : []), ...byLayer.browser.map(([instant]) => instant)].join(', '),
    why: byLayer.browser.map(([, why]) => why).join('; '),
    args: ['run', 'test:browser', '-w', '@equipole/web'],
    env: { E2E_INSTANTS: byLayer.browser.map(([instant]) => instant).join(','), E2E_INSTANTS_ONLY: String(!realClock) },
  });
}

if (process.argv.includes('--dry-run')) {
  for (const run of runs) console.log(JSON.stringify({ layer: run.layer, at: run.label, node: run.nodeBin ?? process.execPath, args: run.args, env: run.env }));
  process.exit(0);
}

/**
 * Runs one run; `buffered` keeps its output and prints it whole when it ends (runs side by side).
 * The integration runs of CI (one per node binary) go side by side: their files mostly wait on
 * PostgreSQL and on the servers they start, so two jest runs of two workers each fill the cores that
 * one run leaves idle.
 */
function start(run, { buffered }) {
  const started = Date.now();
  const on = run.nodeBin ? ` on ${spawnSync(join(run.nodeBin, 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim()}` : '';
  console.log(`\n=== ${run.layer} tests at ${run.label}${on} (${run.why})${buffered ? ', side by side' : ''}`);
  const env = { ...process.env, ...run.env };
  if (run.nodeBin) env.PATH = `${run.nodeBin}:${env.PATH}`;
  return new Promise((done) => {
    const child = spawn('npm', run.args, { cwd: ROOT, env, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (buffered) process.stdout.write(`\n=== ${run.layer} tests at ${run.label}${on}\n${Buffer.concat(output).toString()}`);
      const ok = code === 0;
      console.log(`=== ${run.layer} tests at ${run.label}${on}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
      done(ok ? undefined : `${run.layer} at ${run.label}`);
    });
  });
}

const failed = [];
const integration = runs.filter((run) => run.layer === 'integration');
const sideBySide = integration.length > 1;
failed.push(...(await Promise.all(integration.map((run) => start(run, { buffered: sideBySide })))).filter(Boolean));
for (const run of runs.filter((one) => one.layer !== 'integration')) {
  const failure = await start(run, { buffered: false });
  if (failure) failed.push(failure);
}

console.log(`\nTests at fixed instants: ${runs.length - failed.length} passed, ${failed.length} failed`);
if (failed.length > 0) {
  console.log(`Failed: ${failed.join('; ')}. Re-run one with EQUIPOLE_TEST_INSTANTS=<instant> EQUIPOLE_TEST_LAYERS=<layer> npm run test:instants`);
  process.exit(1);
}
