'use strict';
// drain.js QUEUE TOTAL
// A Node Worker (concurrency 5, returns {by: 'node'}) serves QUEUE until TOTAL jobs of it
// are completed (by anyone), then prints the ids it processed itself.
const { Queue, Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const TOTAL = parseInt(L.arg(1, 'TOTAL'), 10);

L.run(`drain.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  const mine = [];
  const worker = new Worker(
    QUEUE,
    async (job) => {
      mine.push(job.id);
      return { by: 'node' };
    },
    { connection: L.connection, concurrency: 5 },
  );
  try {
    await L.waitFor(async () => (await queue.getJobCounts('completed')).completed >= TOTAL, 'all completed', 50);
    return mine;
  } finally {
    await worker.close();
    await queue.close();
  }
});
