'use strict';
// twins.js QUEUE...
// Fills each QUEUE identically (same ids), with jobs on both sides of a one-hour
// age cutoff in completed, failed, wait, delayed and prioritized (a fresh LIFO
// job sits at the tail of wait). "Old" jobs are
// made by shifting Date.now() back two hours while BullMQ adds or finishes them
// (BullMQ passes Date.now() to its scripts as timestamp/finishedOn).
// Prints {QUEUE: getJobCounts()}.
const { Queue, Worker } = require('bullmq');
const L = require('./lib');

const QUEUES = process.argv.slice(2);
const realNow = Date.now;
const TWO_HOURS = 2 * 3600 * 1000;

async function aged(old, fn) {
  Date.now = old ? () => realNow() - TWO_HOURS : realNow;
  try {
    return await fn();
  } finally {
    Date.now = realNow;
  }
}

/** Adds ok/boom jobs and lets a worker finish all of them (attempts 1). */
async function finish(queue, ok, boom) {
  const jobs = [];
  for (let i = 0; i < ok; i++) jobs.push({ name: 'ok', data: { i } });
  for (let i = 0; i < boom; i++) jobs.push({ name: 'boom', data: { i }, opts: { attempts: 1 } });
  await queue.addBulk(jobs);
  let seen = 0;
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(
      queue.name,
      async (job) => {
        if (job.name === 'boom') throw new Error('boom');
        return { ok: true };
      },
      { connection: L.connection, concurrency: 1 },
    );
    worker.on('error', reject);
    const done = () => ++seen === jobs.length && resolve();
    worker.on('completed', done);
    worker.on('failed', done);
  });
  await worker.close();
}

async function fill(name) {
  const queue = new Queue(name, { connection: L.connection });
  try {
    await aged(true, () => finish(queue, 3, 2));
    await aged(false, () => finish(queue, 2, 1));
    for (const old of [true, true, false]) {
      await aged(old, () => queue.add('waiting', { old }));
      await aged(old, () => queue.add('later', { old }, { delay: 3 * TWO_HOURS }));
      await aged(old, () => queue.add('urgent', { old }, { priority: 5 }));
    }
    // At the tail of `wait`, where a limited clean looks first.
    await queue.add('waiting', { old: false }, { lifo: true });
    return await queue.getJobCounts();
  } finally {
    await queue.close();
  }
}

L.run(`twins.js ${QUEUES.join(' ')}`, async () => {
  const out = {};
  for (const q of QUEUES) out[q] = await fill(q);
  return out;
});
