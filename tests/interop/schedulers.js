'use strict';
// schedulers.js QUEUE [ID]
// Prints Node's view of QUEUE's job schedulers: `queue.getJobSchedulers()` (every
// scheduler), or with ID `queue.getJobScheduler(ID)` (one, or null).
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const ID = process.argv[3];

L.run(`schedulers.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    if (ID) return (await queue.getJobScheduler(ID)) || null;
    return await queue.getJobSchedulers();
  } finally {
    await queue.close();
  }
});
