'use strict';
// getjobs.js QUEUE STATE START END ASC — prints the ids of Node's
// `await queue.getJobs([STATE], START, END, ASC === '1')`, in order.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const STATE = L.arg(1, 'STATE');
const START = parseInt(L.arg(2, 'START'), 10);
const END = parseInt(L.arg(3, 'END'), 10);
const ASC = L.arg(4, 'ASC') === '1';

L.run(`getjobs.js ${QUEUE} ${STATE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const jobs = await queue.getJobs([STATE], START, END, ASC);
    return jobs.map((job) => job.id);
  } finally {
    await queue.close();
  }
});
