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
  // Read the stream from its start: QueueEvents is "ready" before its first XREAD,
  // so events written in between would otherwise be missed (the queue is the test's own).
  const events = new QueueEvents(QUEUE, { connection: L.connection, lastEventId: '0-0' });
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    await events.waitUntilReady();
    // Every event is kept and filtered at the end: a fast worker can make the job
    // active before `queue.add` has even resolved with its id.
    const all = [];
    for (const name of ['active', 'progress', 'completed', 'failed']) {
      events.on(name, (args) => all.push({ event: name, ...args }));
    }
    const job = await queue.add(NAME, DATA, { attempts: 1 });
    const jobId = job.id;
    const result = await job.waitUntilFinished(events, L.TIMEOUT_MS - 2000);
    const mine = () => all.filter((e) => e.jobId === jobId);
    // `completed` may be delivered just after waitUntilFinished resolves.
    await L.waitFor(() => mine().some((e) => e.event === 'completed'), 'completed event');
    return { jobId, result, events: mine() };
  } finally {
    await queue.close();
    await events.close();
  }
});
