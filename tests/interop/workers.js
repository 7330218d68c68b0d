'use strict';
// workers.js QUEUE — prints the raw client names of the workers Node's `Queue.getWorkers()` lists.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');

L.run(`workers.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const workers = await queue.getWorkers();
    return workers.map((w) => w.rawname);
  } finally {
    await queue.close();
  }
});
