'use strict';
// metrics.js QUEUE — prints Node's `queue.getMetrics()` for completed and failed:
// {completed: {count, minutes}, failed: {count, minutes}}: the running total (meta.count,
// what bull-board shows) and how many finished minutes have a data point so far.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');

L.run(`metrics.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const out = {};
    for (const type of ['completed', 'failed']) {
      const m = await queue.getMetrics(type);
      out[type] = { count: m.meta.count, minutes: m.count };
    }
    return out;
  } finally {
    await queue.close();
  }
});
