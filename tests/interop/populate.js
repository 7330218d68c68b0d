'use strict';
// populate.js QUEUE
// Fills QUEUE through Node only, leaving jobs in every state getJobCounts() knows:
// - `addBulk` of jobs a Node Worker (concurrency 1) then completes (returnvalue object,
//   progress, a log line), fails for good (attempts 1, an Error thrown) or fails once
//   and retries later (attempts 2, fixed backoff 10 min: delayed, with a failedReason);
// - with that worker closed: one job fetched by `getNextJob` and left active, delayed
//   and prioritized `add`s, plain waiting `addBulk`s, and a FlowProducer parent left
//   waiting-children (its child waits).
// Prints {ids: {completed, failed, delayed, retrying, active, prioritized, waiting,
// "waiting-children"}, counts: getJobCounts()}.
const { Queue, Worker, FlowProducer } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');

/** Runs a worker over the queue until `want` jobs have completed or failed for now. */
async function work(queue, want, ids) {
  let seen = 0;
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(
      QUEUE,
      async (job) => {
        if (job.name === 'boom' || job.name === 'flaky') throw new Error(`boom ${job.data.n}`);
        await job.updateProgress({ step: 'done', pct: 100 });
        await job.log(`processed n=${job.data.n}`);
        return { doubled: job.data.n * 2, by: 'node', list: [job.data.n] };
      },
      { connection: L.connection, concurrency: 1 },
    );
    worker.on('error', reject);
    worker.on('completed', (job) => {
      ids.completed.push(job.id);
      if (++seen === want) resolve();
    });
    worker.on('failed', (job) => {
      const final = job.attemptsMade >= (job.opts.attempts || 1);
      (final ? ids.failed : ids.retrying).push(job.id);
      if (++seen === want) resolve();
    });
  });
  await worker.close();
}

L.run(`populate.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  const flows = new FlowProducer({ connection: L.connection });
  const ids = {
    completed: [],
    failed: [],
    delayed: [],
    retrying: [],
    active: [],
    prioritized: [],
    waiting: [],
    'waiting-children': [],
  };
  try {
    const first = await queue.addBulk([
      { name: 'ok', data: { n: 1, tags: ['a', 'b'] } },
      { name: 'boom', data: { n: 2 }, opts: { attempts: 1 } },
      { name: 'ok', data: { n: 3, nested: { deep: true } }, opts: { keepLogs: 5, removeOnComplete: { age: 3600, count: 10 } } },
      { name: 'boom', data: { n: 4 }, opts: { attempts: 1, backoff: { type: 'fixed', delay: 10 } } },
      { name: 'flaky', data: { n: 5 }, opts: { attempts: 2, backoff: { type: 'fixed', delay: 600_000 } } },
      { name: 'ok', data: { n: 6 } },
    ]);
    await work(queue, first.length, ids);

    // Fetched by hand and never finished: stays active (its lock simply expires).
    const held = await queue.add('held', { n: 7 });
    const grabber = new Worker(QUEUE, null, { connection: L.connection, autorun: false });
    const grabbed = await grabber.getNextJob('populate-token', { block: false });
    if (!grabbed || grabbed.id !== held.id) throw new Error(`getNextJob gave ${grabbed && grabbed.id}, not ${held.id}`);
    ids.active.push(grabbed.id);
    await grabber.close();

    for (const [i, delay] of [60_000, 3_600_000].entries()) {
      const job = await queue.add('later', { i }, { delay, attempts: 2 });
      ids.delayed.push(job.id);
    }
    for (const [i, priority] of [7, 2].entries()) {
      const job = await queue.add('urgent', { i }, { priority });
      ids.prioritized.push(job.id);
    }
    const plain = await queue.addBulk([
      { name: 'plain', data: { i: 0 } },
      { name: 'plain', data: { i: 1 }, opts: { jobId: 'node-custom-id' } },
    ]);
    ids.waiting.push(...plain.map((j) => j.id));
    const tree = await flows.add({
      name: 'parent',
      queueName: QUEUE,
      data: { role: 'parent' },
      children: [{ name: 'child', queueName: QUEUE, data: { role: 'child' } }],
    });
    ids['waiting-children'].push(tree.job.id);
    ids.waiting.push(tree.children[0].job.id);
    return { ids, counts: await queue.getJobCounts() };
  } finally {
    await flows.close();
    await queue.close();
  }
});
