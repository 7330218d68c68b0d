'use strict';
// serve/node-progress.js QUEUE N CONCURRENCY STEPS
// The load for the serve fan-out bench: a Node BullMQ Worker at CONCURRENCY that
// reports STEPS progress updates per job (100/STEPS apart) and completes it, until
// N jobs have completed. Prints {jobs, elapsed_s} on stdout.
const { Worker } = require('bullmq');
const C = require('../common.js');

const [QUEUE, N, CONC, STEPS] = [process.argv[2], ...process.argv.slice(3, 6).map(Number)];
if (!QUEUE || !(N > 0) || !(CONC > 0) || !(STEPS >= 0)) {
  process.stderr.write('usage: node-progress.js QUEUE N CONCURRENCY STEPS\n');
  process.exit(2);
}

const started = C.nowMs();
let done = 0;
const worker = new Worker(
  QUEUE,
  async (job) => {
    for (let k = 1; k <= STEPS; k++) await job.updateProgress(Math.round((100 * k) / STEPS));
    return { ok: true };
  },
  { connection: C.connection(), concurrency: CONC },
);
worker.on('error', (e) => process.stderr.write(`worker error: ${e}\n`));
worker.on('completed', async () => {
  if (++done !== N) return;
  const elapsed = (C.nowMs() - started) / 1000;
  await worker.close();
  process.stdout.write(JSON.stringify({ jobs: done, elapsed_s: C.round(elapsed) }) + '\n', () => process.exit(0));
});
