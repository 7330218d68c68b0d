'use strict';
// export-view.js QUEUE — Node's view of every job of QUEUE, for comparing
// two Redis servers after `queuectl export | queuectl import`: per job its
// state, id, name, data, the options users set, priority, due time, progress
// and logs (from `getJobs` and `getJobLogs`), sorted by id; the ids of each
// state in `getJobs` order; and the queue's job schedulers.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'];
const OPTS = ['attempts', 'backoff', 'removeOnComplete', 'removeOnFail', 'lifo'];

L.run(`export-view.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const jobs = [];
    const order = {};
    for (const state of STATES) {
      const found = await queue.getJobs([state], 0, -1, true);
      order[state] = found.map((job) => job.id);
      for (const job of found) {
        const opts = {};
        for (const k of OPTS) if (job.opts[k] !== undefined) opts[k] = job.opts[k];
        jobs.push({
          state,
          id: job.id,
          name: job.name,
          data: job.data,
          opts,
          priority: job.priority,
          timestamp: job.timestamp,
          dueAt: state === 'delayed' ? job.timestamp + job.delay : null,
          progress: job.progress,
          logs: (await queue.getJobLogs(job.id)).logs,
          repeatJobKey: job.repeatJobKey || null,
        });
      }
    }
    jobs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const schedulers = (await queue.getJobSchedulers()).map(({ next, ...rest }) => rest);
    return { jobs, order, schedulers };
  } finally {
    await queue.close();
  }
});
