'use strict';
// health.js ACTION QUEUE [N] — puts QUEUE into a state `queuectl health` must flag,
// through Node BullMQ itself:
//   fail QUEUE N    adds N jobs and a Worker fails each one; prints {failed}
//   pause QUEUE     pauses the queue; prints {paused}
//   stall QUEUE     adds a job, takes it with a 300 ms lock and exits without
//                   renewing it or running a stalled checker; prints {id}
//   events QUEUE N  with an events stream cap of 5, adds N jobs; prints {added}
//   serve QUEUE     a Worker (concurrency 1) whose jobs never finish; prints
//                   {ready:true} once running, then runs until killed
const { Queue, Worker } = require('bullmq');
const L = require('./lib');

const ACTION = L.arg(0, 'ACTION');
const QUEUE = L.arg(1, 'QUEUE');
const N = parseInt(process.argv[4] || '0', 10);

async function fail() {
  const queue = new Queue(QUEUE, { connection: L.connection });
  await queue.addBulk(Array.from({ length: N }, (_, i) => ({ name: 'boom', data: { i } })));
  let failed = 0;
  await new Promise((resolve, reject) => {
    const worker = new Worker(
      QUEUE,
      async () => {
        throw new Error('deliberate failure');
      },
      { connection: L.connection },
    );
    worker.on('error', reject);
    worker.on('failed', () => {
      failed += 1;
      if (failed === N) worker.close().then(resolve, reject);
    });
  });
  await queue.close();
  return { failed };
}

async function pause() {
  const queue = new Queue(QUEUE, { connection: L.connection });
  await queue.pause();
  const paused = await queue.isPaused();
  await queue.close();
  return { paused };
}

async function stall() {
  const queue = new Queue(QUEUE, { connection: L.connection });
  await queue.add('stuck', {});
  const worker = new Worker(QUEUE, null, { connection: L.connection, lockDuration: 300 });
  const job = await worker.getNextJob('health-test-token');
  // No close: L.run exits the process, so the lock is never renewed or released.
  return { id: job.id };
}

async function events() {
  const queue = new Queue(QUEUE, { connection: L.connection, streams: { events: { maxLen: 5 } } });
  await queue.waitUntilReady();
  for (let i = 0; i < N; i += 1) await queue.add('e', { i });
  await queue.close();
  return { added: N };
}

async function serve() {
  const worker = new Worker(QUEUE, () => new Promise(() => {}), {
    connection: L.connection,
    concurrency: 1,
  });
  await worker.waitUntilReady();
  process.stdout.write(JSON.stringify({ ready: true }) + '\n');
  await new Promise(() => {});
}

if (ACTION === 'serve') {
  serve().catch((err) => {
    process.stderr.write(`health.js serve failed: ${err.stack || err}\n`);
    process.exit(1);
  });
} else {
  const actions = { fail, pause, stall, events };
  if (!actions[ACTION]) {
    process.stderr.write(`unknown action ${ACTION}\n`);
    process.exit(2);
  }
  L.run(`health.js ${ACTION} ${QUEUE}`, actions[ACTION]);
}
