'use strict';
// events.js QUEUE N
// Starts a QueueEvents listener on QUEUE; once it is ready prints {"ready":true},
// then one NDJSON line {"event": NAME, "args": {...}} per event received, and exits
// 0 after N events (non-zero on error or when the hard timeout passes first).
//
// The listener starts reading right after the stream's current last entry, read
// before "ready" is printed, so no event added after that line can be missed.
const IORedis = require('ioredis');
const { QueueEvents } = require('bullmq');
const L = require('./lib');

const QUEUE = L.arg(0, 'QUEUE');
const N = parseInt(L.arg(1, 'N'), 10);
const EVENTS = [
  'added',
  'waiting',
  'delayed',
  'duplicated',
  'deduplicated',
  'debounced',
  'active',
  'progress',
  'completed',
  'failed',
  'removed',
  'drained',
  'waiting-children',
  'retries-exhausted',
  'stalled',
  'cleaned',
  'paused',
  'resumed',
];

L.hardTimeout(L.TIMEOUT_MS, `events.js ${QUEUE} ${N}: fewer than ${N} events`);

(async () => {
  const plain = new IORedis(L.connection);
  const last = await plain.xrevrange(`bull:${QUEUE}:events`, '+', '-', 'COUNT', 1);
  await plain.quit();
  const lastEventId = last.length ? last[0][0] : '0-0';

  const qe = new QueueEvents(QUEUE, { connection: L.connection, lastEventId, blockingTimeout: 1000 });
  qe.on('error', (err) => {
    process.stderr.write(`QueueEvents error: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
  let count = 0;
  let closing = false;
  const finish = async () => {
    closing = true;
    await qe.close();
    process.exit(0);
  };
  for (const event of EVENTS) {
    qe.on(event, (args, id) => {
      if (closing) return;
      // `drained` passes only the stream id.
      const line = event === 'drained' ? { event, id: args } : { event, args, id };
      process.stdout.write(JSON.stringify(line) + '\n');
      if (++count >= N) finish().catch(() => process.exit(1));
    });
  }
  await qe.waitUntilReady();
  process.stdout.write(JSON.stringify({ ready: true }) + '\n');
  if (N <= 0) await finish();
})().catch((err) => {
  process.stderr.write(`events.js failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
