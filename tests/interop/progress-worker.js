'use strict';
// progress-worker.js QUEUE COUNT
// A Node Worker (concurrency 1) that reports progress {percent, message} at 25, 50,
// 75 and 100 for each job, then returns data.result (default {ok:true}) or throws
// Error(data.reason || 'boom') when data.fail is true, or while attemptsMade <
// data.failTimes. It stops after COUNT jobs have ended for good (completed, or failed
// with no attempt left) and prints [{id, outcome, attemptsMade}] in that order.
const { Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const COUNT = parseInt(L.arg(1, 'COUNT'), 10);
const STEPS = ['fetched robots.txt', 'fetched page', 'parsed links', 'done'];

L.run(`progress-worker.js ${QUEUE} ${COUNT}`, async () => {
  const ended = [];
  let worker;
  await new Promise((resolve, reject) => {
    const end = (job, outcome) => {
      ended.push({ id: job.id, outcome, attemptsMade: job.attemptsMade });
      if (ended.length === COUNT) resolve();
    };
    worker = new Worker(
      QUEUE,
      async (job) => {
        const data = job.data || {};
        for (let i = 0; i < STEPS.length; i++) {
          await job.updateProgress({ percent: 25 * (i + 1), message: STEPS[i] });
          await new Promise((r) => setTimeout(r, data.stepMs || 20));
          if (i === 1 && (data.fail || job.attemptsMade < (data.failTimes || 0))) {
            throw new Error(data.reason || 'boom');
          }
        }
        return data.result === undefined ? { ok: true } : data.result;
      },
      { connection: L.connection, concurrency: 1 },
    );
    worker.on('error', reject);
    worker.on('completed', (job) => end(job, 'completed'));
    worker.on('failed', (job) => {
      if (job && job.attemptsMade >= (job.opts.attempts || 1)) end(job, 'failed');
    });
  });
  await worker.close();
  return ended;
});
