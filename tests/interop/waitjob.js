'use strict';
// waitjob.js QUEUE NAME DATA_JSON
// Adds one job from Node, follows it with QueueEvents and job.waitUntilFinished while
// another process (queuectl worker) runs it; prints
// {jobId, result, events: [{event, ...args}]} for that job's active/progress/completed.
const { Queue, QueueEvents } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const NAME = L.arg(1, 'NAME');
const DATA = JSON.parse(L.arg(2, 'DATA_JSON'));

L.run(`waitjob.js ${QUEUE}`, async () => {
  const events = new QueueEvents(QUEUE, { connection: L.connection });
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    await events.waitUntilReady();
    const seen = [];
    let jobId;
    for (const name of ['active', 'progress', 'completed', 'failed']) {
      events.on(name, (args) => {
        if (args.jobId === jobId) seen.push({ event: name, ...args });
      });
    }
    const job = await queue.add(NAME, DATA, { attempts: 1 });
    jobId = job.id;
    const result = await job.waitUntilFinished(events, L.TIMEOUT_MS - 2000);
    // `completed` may be delivered just after waitUntilFinished resolves.
    await L.waitFor(() => seen.some((e) => e.event === 'completed'), 'completed event');
    return { jobId, result, events: seen };
  } finally {
    await queue.close();
    await events.close();
  }
});
