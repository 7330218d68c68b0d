'use strict';
// add.js QUEUE NAME DATA_JSON [OPTS_JSON] — Node `queue.add(NAME, DATA, OPTS)`;
// prints {id, name, data, opts} of the job Node created.
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const NAME = L.arg(1, 'NAME');
const DATA = JSON.parse(L.arg(2, 'DATA_JSON'));
const OPTS = JSON.parse(process.argv[5] || '{}');

L.run(`add.js ${QUEUE} ${NAME}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const job = await queue.add(NAME, DATA, OPTS);
    return { id: job.id, name: job.name, data: job.data, opts: job.opts };
  } finally {
    await queue.close();
  }
});
