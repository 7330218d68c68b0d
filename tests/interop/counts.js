'use strict';
// counts.js QUEUE — prints Node's `await queue.getJobCounts()`.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');

L.run(`counts.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    return await queue.getJobCounts();
  } finally {
    await queue.close();
  }
});
