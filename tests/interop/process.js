'use strict';
// process.js QUEUE COUNT
// A Node Worker (concurrency 1) processes exactly COUNT jobs of QUEUE (the rest stay
// queued), returning {ok:true} for each, then prints the jobs it saw in processing order:
// [{id, name, data, opts, priority, delay, attemptsMade, timestamp, processedAt}]
// (processedAt: Date.now() when the processor ran).
const { Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const COUNT = parseInt(L.arg(1, 'COUNT'), 10);

L.run(`process.js ${QUEUE} ${COUNT}`, async () => {
  const seen = [];
  let worker;
  const done = new Promise((resolve, reject) => {
    worker = new Worker(
      QUEUE,
      async (job) => {
        seen.push({
          id: job.id,
          name: job.name,
          data: job.data,
          opts: job.opts,
          priority: job.priority,
          delay: job.delay,
          attemptsMade: job.attemptsMade,
          timestamp: job.timestamp,
          processedAt: Date.now(),
        });
        // Closing before this job finishes stops BullMQ from fetching the next one
        // along with the completion (moveToFinished's fetchNext), so the worker
        // takes exactly COUNT jobs and leaves the rest in the queue.
        if (seen.length === COUNT) worker.close().catch(reject);
        return { ok: true };
      },
      { connection: L.connection, concurrency: 1 },
    );
    worker.on('error', reject);
    worker.on('failed', (job, err) => reject(new Error(`job ${job && job.id} failed: ${err.message}`)));
    worker.on('completed', () => {
      if (seen.length >= COUNT) resolve();
    });
  });
  if (COUNT > 0) await done;
  await worker.close();
  return seen;
});
