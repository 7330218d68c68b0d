'use strict';
// node-addbulk.js N QUEUE [BATCH=1000]
// Node BullMQ reference for `queuectl enqueue --file`: Queue.addBulk of N jobs in batches of
// BATCH (each batch awaited), name `bench`, payload {i, s: 'hello world'} and queuectl's default
// job options. The timed window starts after require + connect + warm-up (scripts loaded) and
// ends after the last batch; the caller also times the whole process.
// Leaves the N jobs in QUEUE so the caller can count them with redis-cli.
// Prints one JSON line on stdout.
const t_start = process.hrtime.bigint();
const { Queue } = require('bullmq');
const IORedis = require('ioredis');
const C = require('./common');

const N = parseInt(process.argv[2] || '100000', 10);
const QUEUE = process.argv[3] || 'bench-node';
const BATCH = parseInt(process.argv[4] || '1000', 10);

// one options object shared by every job, as typical application code does (bullmq copies it)
const OPTS = JSON.parse(JSON.stringify(C.QUEUECTL_DEFAULT_OPTS));

function batch(from, n) {
  const jobs = new Array(n);
  for (let k = 0; k < n; k++) jobs[k] = { name: C.JOB_NAME, data: C.payload(from + k), opts: OPTS };
  return jobs;
}

(async () => {
  const conn = C.connection();
  const stats = new IORedis(conn);
  const q = new Queue(QUEUE, { connection: conn });
  await q.waitUntilReady();

  // warm-up: 100 jobs with the same options on the same Queue (and connection), then
  // obliterated; Redis has the add script cached and ioredis knows it, so the timed loop
  // runs EVALSHA only
  await q.addBulk(batch(0, 100));
  await q.obliterate({ force: true });

  const setup_ms = Number(process.hrtime.bigint() - t_start) / 1e6;
  const before = await C.infoSnapshot(stats);
  const cpu0 = process.cpuUsage();
  const t0 = C.nowMs();
  for (let i = 0; i < N; i += BATCH) {
    // building each batch is part of the measured cost, as in real use
    await q.addBulk(batch(i, Math.min(BATCH, N - i)));
  }
  const wall_s = (C.nowMs() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const after = await C.infoSnapshot(stats);

  await q.close();
  await stats.quit();
  const client_cpu_s = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(
    JSON.stringify({
      n: N,
      batch: BATCH,
      setup_ms: C.round(setup_ms, 1),
      wall_s: C.round(wall_s, 4),
      client_cpu_s: C.round(client_cpu_s, 4),
      client_user_s: C.round(cpu.user / 1e6, 4),
      client_sys_s: C.round(cpu.system / 1e6, 4),
      bullmq: require('bullmq/package.json').version,
      ioredis: require('ioredis/package.json').version,
      node: process.version,
      ...C.redisDelta(before, after),
    }) + '\n',
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
