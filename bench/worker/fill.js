'use strict';
// worker/fill.js N QUEUE [WARM_QUEUE WARM_N]
// Pre-fill for the worker bench, run in its own process and not timed: Queue.addBulk in
// batches of 1000 of N jobs named `echo` with data {i, s: 'hello world'} and
// {removeOnComplete: true} (as the Node anchor's fill.js, mode rm). With WARM_QUEUE, also
// adds WARM_N such jobs there (the Node side's in-process warm-up). Prints one JSON line.
const { Queue } = require('bullmq');
const C = require('../common.js');

const N = parseInt(process.argv[2] || '100000', 10);
const QUEUE = process.argv[3];
const WARM_QUEUE = process.argv[4] || '';
const WARM_N = parseInt(process.argv[5] || '0', 10);
const JOB_NAME = 'echo';
const OPTS = { removeOnComplete: true };

async function fill(name, n) {
  const q = new Queue(name, { connection: C.connection() });
  await q.waitUntilReady();
  for (let i = 0; i < n; i += 1000) {
    const jobs = [];
    for (let k = i; k < Math.min(n, i + 1000); k++) jobs.push({ name: JOB_NAME, data: C.payload(k), opts: OPTS });
    await q.addBulk(jobs);
  }
  await q.close();
}

(async () => {
  if (!QUEUE) throw new Error('usage: fill.js N QUEUE [WARM_QUEUE WARM_N]');
  const t0 = C.nowMs();
  await fill(QUEUE, N);
  if (WARM_QUEUE && WARM_N > 0) await fill(WARM_QUEUE, WARM_N);
  process.stdout.write(JSON.stringify({ fill_s: C.round((C.nowMs() - t0) / 1000, 3), n: N, warm_n: WARM_N }) + '\n');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
