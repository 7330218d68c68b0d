'use strict';
// clean.js QUEUE GRACE_MS LIMIT STATE...
// Runs Node's `queue.clean(GRACE_MS, LIMIT, state)` for each STATE in turn and
// prints {state: [removed ids]}.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const GRACE = parseInt(L.arg(1, 'GRACE_MS'), 10);
const LIMIT = parseInt(L.arg(2, 'LIMIT'), 10);
const STATES = process.argv.slice(5);

L.run(`clean.js ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const out = {};
    for (const state of STATES) out[state] = await queue.clean(GRACE, LIMIT, state);
    return out;
  } finally {
    await queue.close();
  }
});
