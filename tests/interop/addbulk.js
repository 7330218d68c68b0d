'use strict';
// addbulk.js QUEUE JOBS_JSON — Node `queue.addBulk(JOBS)` where JOBS_JSON is an array
// of {name, data, opts}; prints the ids Node returned, in input order.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const JOBS = JSON.parse(L.arg(1, 'JOBS_JSON'));

L.run(`addbulk.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const jobs = await queue.addBulk(JOBS);
    return jobs.map((j) => j.id);
  } finally {
    await queue.close();
  }
});
