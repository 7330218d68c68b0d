'use strict';
// getjob.js QUEUE ID — prints Node's `job.toJSON()` plus `state: await job.getState()`
// and `logs` (`queue.getJobLogs(ID)`), or exits 1 when the job does not exist.
const { Queue, Job } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const ID = L.arg(1, 'ID');

L.run(`getjob.js ${QUEUE} ${ID}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const job = await Job.fromId(queue, ID);
    if (!job) throw new Error(`job ${ID} not found in ${QUEUE}`);
    // JSON round trip: what toJSON() gives, as JSON would carry it.
    const json = JSON.parse(JSON.stringify(job.toJSON()));
    const { logs } = await queue.getJobLogs(ID);
    return Object.assign(json, { state: await job.getState(), logs });
  } finally {
    await queue.close();
  }
});
