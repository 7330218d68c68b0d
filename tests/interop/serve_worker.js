'use strict';
// serve_worker.js QUEUE COUNT STEP_MS
// A Node Worker (concurrency 1) for the `queuectl serve` tests: a job named
// `fail` throws "boom"; any other job reports progress 25, 50, 75, 100 with
// STEP_MS between steps and returns {ok: true}. Stops after COUNT jobs have
// finished (completed or failed) and prints [{id, name, outcome}].
const { Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const COUNT = parseInt(L.arg(1, 'COUNT'), 10);
const STEP_MS = parseInt(L.arg(2, 'STEP_MS'), 10);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

L.run(`serve_worker.js ${QUEUE} ${COUNT}`, async () => {
  const seen = [];
  let worker;
  const done = new Promise((resolve, reject) => {
    const finished = (job, outcome) => {
      seen.push({ id: job.id, name: job.name, outcome });
      if (seen.length >= COUNT) resolve();
    };
    worker = new Worker(
      QUEUE,
      async (job) => {
        if (job.name === 'fail') throw new Error('boom');
        for (const p of [25, 50, 75, 100]) {
          await sleep(STEP_MS);
          await job.updateProgress(p);
        }
        return { ok: true };
      },
      { connection: L.connection, concurrency: 1 },
    );
    worker.on('error', reject);
    worker.on('completed', (job) => finished(job, 'completed'));
    worker.on('failed', (job) => finished(job, 'failed'));
  });
  await done;
  await worker.close();
  return seen;
});
