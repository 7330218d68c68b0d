'use strict';
// node-stats.js QUEUE
// Node BullMQ reference for `queuectl stats QUEUE --json`: require bullmq, connect,
// getJobCounts(), print the counts as JSON, close, and exit naturally (no process.exit).
const { Queue } = require('bullmq');

const port = parseInt(process.env.REDIS_PORT || '', 10);
if (!Number.isInteger(port) || port === 6379) {
  console.error('set REDIS_PORT to the private bench Redis');
  process.exitCode = 2;
} else {
  const q = new Queue(process.argv[2] || 'bench-stats', { connection: { host: '127.0.0.1', port } });
  q.getJobCounts()
    .then((counts) => {
      process.stdout.write(JSON.stringify(counts) + '\n');
      return q.close();
    })
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}
