'use strict';
// failjobs.js QUEUE COUNT — a Node Worker (concurrency 1) takes COUNT jobs of QUEUE:
// it throws `new Error(data.reason || 'boom')` for jobs whose data has `fail: true`
// and completes the rest. Prints {completed: [ids], failed: [ids]} in finishing order
// (failed lists only jobs whose attempts are used up).
const { Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const COUNT = parseInt(L.arg(1, 'COUNT'), 10);

L.run(`failjobs.js ${QUEUE} ${COUNT}`, async () => {
  const out = { completed: [], failed: [] };
  let seen = 0;
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(
      QUEUE,
      async (job) => {
        if (job.data && job.data.fail) throw new Error(job.data.reason || 'boom');
        return { ok: true };
      },
      { connection: L.connection, concurrency: 1 },
    );
    worker.on('error', reject);
    worker.on('completed', (job) => {
      out.completed.push(job.id);
      if (++seen === COUNT) resolve();
    });
    worker.on('failed', (job) => {
      if (job.attemptsMade >= (job.opts.attempts || 1)) out.failed.push(job.id);
      if (++seen === COUNT) resolve();
    });
  });
  await worker.close();
  return out;
});
