'use strict';
// scheduler.js QUEUE ID EVERY_MS
// Creates (or updates) a Node job scheduler producing an `echo` job every EVERY_MS;
// prints the first job it created.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const ID = L.arg(1, 'ID');
const EVERY = parseInt(L.arg(2, 'EVERY_MS'), 10);

L.run(`scheduler.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const job = await queue.upsertJobScheduler(ID, { every: EVERY }, { name: 'echo', data: { tick: true } });
    return { id: job.id, name: job.name };
  } finally {
    await queue.close();
  }
});
