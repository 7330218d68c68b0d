'use strict';
// prometheus.js QUEUE [NAME=VALUE...] — prints Node's
// `queue.exportPrometheusMetrics({NAME: VALUE, ...})` as it is (no JSON).
const { Queue } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const labels = Object.fromEntries(process.argv.slice(3).map((kv) => kv.split('=')));

(async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    const text = await queue.exportPrometheusMetrics(Object.keys(labels).length ? labels : undefined);
    process.stdout.write(text);
  } finally {
    await queue.close();
  }
})().catch((e) => {
  process.stderr.write(`prometheus.js ${QUEUE}: ${e.stack || e}\n`);
  process.exit(1);
});
