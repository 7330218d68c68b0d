'use strict';
// cluster.js add QUEUE COUNT | process QUEUE COUNT | counts QUEUE...
// Node BullMQ on an ioredis Cluster built from REDIS_CLUSTER_NODES
// (host:port,host:port), default prefix `bull`:
//   add      adds COUNT jobs named node-job (data {i}) and prints their ids;
//   process  runs a Worker (concurrency 1) until it completed COUNT jobs and
//            prints [{id, name, data}] in processing order;
//   counts   prints {QUEUE: getJobCounts()} for each queue.
const { Queue, Worker } = require('bullmq');
const { Cluster } = require('ioredis');
const L = require('./lib');

const MODE = L.arg(0, 'MODE');
const seeds = (process.env.REDIS_CLUSTER_NODES || '').split(',').filter(Boolean).map((hp) => {
  const [host, port] = hp.split(':');
  return { host, port: parseInt(port, 10) };
});

function cluster() {
  return new Cluster(seeds, {
    redisOptions: { maxRetriesPerRequest: null },
    clusterRetryStrategy: (times) => (times > 20 ? null : 100),
  });
}

async function add(connection, name, count) {
  const queue = new Queue(name, { connection });
  const ids = [];
  for (let i = 0; i < count; i++) {
    const job = await queue.add('node-job', { i });
    ids.push(job.id);
  }
  await queue.close();
  return ids;
}

async function processJobs(connection, name, count) {
  const seen = [];
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(
      name,
      async (job) => {
        seen.push({ id: job.id, name: job.name, data: job.data });
        if (seen.length === count) worker.close().catch(reject);
        return { ok: true };
      },
      { connection, concurrency: 1 },
    );
    worker.on('error', reject);
    worker.on('completed', () => {
      if (seen.length >= count) resolve();
    });
  });
  await worker.close();
  return seen;
}

async function counts(connection, names) {
  const out = {};
  for (const name of names) {
    const queue = new Queue(name, { connection });
    out[name] = await queue.getJobCounts();
    await queue.close();
  }
  return out;
}

L.run(`cluster.js ${process.argv.slice(2).join(' ')}`, async () => {
  const connection = cluster();
  try {
    if (MODE === 'add') return await add(connection, L.arg(1, 'QUEUE'), parseInt(L.arg(2, 'COUNT'), 10));
    if (MODE === 'process') return await processJobs(connection, L.arg(1, 'QUEUE'), parseInt(L.arg(2, 'COUNT'), 10));
    if (MODE === 'counts') return await counts(connection, process.argv.slice(3));
    throw new Error(`unknown mode ${MODE}`);
  } finally {
    connection.disconnect();
  }
});
