'use strict';
// export-fill.js QUEUE — fills QUEUE with one job of every kind `queuectl
// export` must carry: waiting jobs with a custom and an automatic (integer)
// id, a prioritized and two delayed jobs, a completed and a failed job, logs,
// numeric and object progress, control characters in data, and a job
// scheduler. Prints the ids it made.
const { Queue, Worker } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const HOSTILE = 'bell\u0007 esc\u001b[2J del\u007f csi\u009b nul\u0000 end';

L.run(`export-fill.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  const worker = new Worker(QUEUE, null, { connection: L.connection });
  try {
    // Finished jobs first, moved by hand so nothing else gets processed.
    const done = await queue.add('finish-me', { n: 'c' }, { jobId: 'done-1' });
    const bad = await queue.add('fail-me', { n: 'f' }, { jobId: 'failed-1', attempts: 1 });
    for (const [want, fail] of [[done.id, false], [bad.id, true]]) {
      const job = await worker.getNextJob('tok');
      if (job.id !== want) throw new Error(`expected ${want}, got ${job.id}`);
      await job.log(`processing ${want}`);
      if (fail) await job.moveToFailed(new Error('boom'), 'tok', false);
      else await job.moveToCompleted({ ok: true }, 'tok', false);
    }
    const custom = await queue.add(
      'custom',
      { text: HOSTILE, nested: { list: [1, 2.5, 'x'], big: 12345678901234 } },
      {
        jobId: 'custom-1',
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 10,
        removeOnFail: { count: 5 },
      },
    );
    await custom.log('first line');
    await custom.log(`second ${HOSTILE}`);
    await custom.updateProgress(42);
    const auto = await queue.add('auto', { n: 2 }, { attempts: 2 });
    await auto.updateProgress({ step: 'fetch', pct: 10.5 });
    const prio = await queue.add('prio', { n: 3 }, { priority: 7, jobId: 'prio-1' });
    await prio.log('prioritized');
    await queue.add('later', { n: 4 }, { delay: 3_600_000, jobId: 'delayed-1', priority: 3 });
    const autoDelayed = await queue.add('later-auto', { n: 5 }, { delay: 7_200_000 });
    await queue.upsertJobScheduler(
      'yearly',
      { pattern: '0 0 1 1 *', tz: 'UTC' },
      { name: 'tick', data: { t: 1 }, opts: { attempts: 2 } },
    );
    return {
      ids: [done.id, bad.id, custom.id, auto.id, prio.id, 'delayed-1', autoDelayed.id],
    };
  } finally {
    await worker.close();
    await queue.close();
  }
});
