'use strict';
// serve_flood.js QUEUE UPDATES SIZE
// Floods a queue's event stream for the `serve` slow-client test: a Node Worker takes
// one job of QUEUE and reports UPDATES progress values {percent, message}, each message
// SIZE characters long, then completes it. Prints {updates}.
const { Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const UPDATES = parseInt(L.arg(1, 'UPDATES'), 10);
const SIZE = parseInt(L.arg(2, 'SIZE'), 10);

L.run(`serve_flood.js ${QUEUE}`, async () => {
  const message = 'x'.repeat(SIZE);
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(
      QUEUE,
      async (job) => {
        for (let i = 1; i <= UPDATES; i++) await job.updateProgress({ percent: i % 100, message });
        return { ok: true };
      },
      { connection: L.connection, concurrency: 1 },
    );
    worker.on('error', reject);
    worker.on('completed', resolve);
    worker.on('failed', (job, err) => reject(err));
  });
  await worker.close();
  return { updates: UPDATES };
});
