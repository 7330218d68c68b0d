'use strict';
// restarts/node-worker.js QUEUE CONCURRENCY: a Node BullMQ Worker with the same settings
// as run.sh's queuectl worker (lock 2 s, stall check every 1 s) whose processor sleeps
// data.ms and prints each job id it runs, one per line. Runs until killed.
const { Worker } = require('bullmq');
const C = require('../common.js');

const [queue, conc] = [process.argv[2], parseInt(process.argv[3] || '10', 10)];
const worker = new Worker(
  queue,
  async (job) => {
    process.stdout.write(`${job.id}\n`);
    await new Promise((r) => setTimeout(r, job.data.ms || 0));
    return { slept: job.data.ms };
  },
  { connection: { ...C.connection(), maxRetriesPerRequest: null }, concurrency: conc, lockDuration: 2000, stalledInterval: 1000 },
);
worker.on('error', () => {}); // reconnects are the point of the run
