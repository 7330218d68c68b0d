'use strict';
// search/fill.js QUEUE N: fills QUEUE on the private Redis with N mixed jobs through Node
// BullMQ, not timed: a tenth processed by a Worker (concurrency 100; every third fails with
// one of four reasons), a tenth delayed, a tenth prioritized, the rest waiting; `addBulk` in
// batches of 1000; data {i, user: {id, tier}, url, tags}, creation times spread over ten days.
const { Queue, Worker } = require('bullmq');
const C = require('../common.js');

const [QUEUE, N] = [process.argv[2], parseInt(process.argv[3], 10)];
const TIERS = ['free', 'standard', 'premium'];
const REASONS = ['connect ETIMEDOUT', 'read ECONNRESET', 'HTTP 429', 'HTTP 500'];
const DAY = 86_400_000;

const job = (i, base, opts) => ({
  name: ['refresh', 'scrape', 'analytics', 'report'][i % 4],
  data: {
    i,
    user: { id: i % 1000, tier: TIERS[i % 3] },
    url: `https://site${i % 7}.example.com/p/${i}`,
    tags: [`t${i % 5}`],
    fail: i % 3 === 0,
    reason: REASONS[i % 4],
  },
  opts: { timestamp: base - ((i * 7919) % (10 * DAY)), ...opts },
});

async function add(queue, from, count, base, opts) {
  for (let at = 0; at < count; at += 1000) {
    const jobs = [];
    for (let i = from + at; i < from + Math.min(count, at + 1000); i++) jobs.push(job(i, base, opts(i)));
    await queue.addBulk(jobs);
  }
}

async function work(count) {
  let seen = 0;
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(QUEUE, async (j) => {
      if (j.data.fail) throw new Error(j.data.reason);
      return j.data.i;
    }, { connection: C.connection(), concurrency: 100 });
    worker.on('error', reject);
    const done = () => ++seen === count && resolve();
    worker.on('completed', done);
    worker.on('failed', done);
  });
  await worker.close();
}

(async () => {
  const queue = new Queue(QUEUE, { connection: C.connection() });
  const base = Date.now();
  const tenth = Math.floor(N / 10);
  await add(queue, 0, tenth, base, () => ({ attempts: 1 }));
  await work(tenth);
  await add(queue, tenth, tenth, base, (i) => ({ delay: 20 * DAY + i }));
  await add(queue, 2 * tenth, tenth, base, (i) => ({ priority: 1 + (i % 5) }));
  await add(queue, 3 * tenth, N - 3 * tenth, base, () => ({}));
  process.stdout.write(JSON.stringify(await queue.getJobCounts()) + '\n');
  await queue.close();
})().catch((e) => {
  process.stderr.write(`fill.js: ${e.stack || e}\n`);
  process.exit(1);
});
