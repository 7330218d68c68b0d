'use strict';
// limits.js QUEUE get
//   prints the queue's global limits as Node reads them:
//   {concurrency, rateLimit: {max, duration} | null}
// limits.js QUEUE run COUNT CONCURRENCY SLEEP_MS
//   a Node Worker with local concurrency CONCURRENCY processes COUNT jobs, each
//   taking SLEEP_MS, and prints {maxActive, starts} (the most jobs it had in
//   flight at once, and each job's start in ms since the first start).
const { Queue, Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const MODE = L.arg(1, 'MODE');

async function get() {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    return {
      concurrency: await queue.getGlobalConcurrency(),
      rateLimit: await queue.getGlobalRateLimit(),
    };
  } finally {
    await queue.close();
  }
}

async function run() {
  const count = parseInt(L.arg(2, 'COUNT'), 10);
  const concurrency = parseInt(L.arg(3, 'CONCURRENCY'), 10);
  const sleep = parseInt(L.arg(4, 'SLEEP_MS'), 10);
  let active = 0;
  let maxActive = 0;
  let done = 0;
  const starts = [];
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(
      QUEUE,
      async () => {
        starts.push(Date.now());
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, sleep));
        active -= 1;
        return { ok: true };
      },
      { connection: L.connection, concurrency },
    );
    worker.on('error', reject);
    worker.on('failed', (job, err) => reject(new Error(`job ${job && job.id} failed: ${err.message}`)));
    worker.on('completed', () => {
      done += 1;
      if (done === count) resolve();
    });
  });
  await worker.close();
  const first = Math.min(...starts);
  return { maxActive, starts: starts.map((t) => t - first) };
}

L.run(`limits.js ${QUEUE} ${MODE}`, MODE === 'get' ? get : run);
