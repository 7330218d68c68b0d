'use strict';
// search.js populate QUEUE N — fills QUEUE through Node BullMQ with N mixed jobs, fast:
//   a fifth processed by a Node Worker (concurrency 100): completed, or failed for good
//   with one of several reasons; then delayed, prioritized and plain waiting jobs added
//   with `addBulk` in batches of 1000. Names cycle through NAMES; data has nested fields
//   ({i, user: {id, tier}, url, tags}); creation timestamps (opts.timestamp) are spread
//   over the past ten days. Prints {counts: getJobCounts(), base: the newest creation
//   time, finished: [earliest, latest] finishedOn of the processed jobs}.
// search.js truth QUEUE SPECS — the ground truth of `queuectl search` for each spec of
//   the JSON array SPECS ({states?, name?, data?: [[path, "=" | "~", text]], error?,
//   since?, until?, limit?}; times in epoch ms), computed from `queue.getJobs(state)`
//   per state: prints [[id, ...] per spec], newest first in search's order.
// 100,000 jobs take longer than lib.js's default 20 s timeout.
process.env.INTEROP_TIMEOUT_MS = process.env.INTEROP_TIMEOUT_MS || '120000';
const { Queue, Worker } = require('bullmq');
const L = require('./lib');

const MODE = L.arg(0, 'MODE');
const QUEUE = L.arg(1, 'QUEUE');

const NAMES = ['refresh', 'scrape', 'analytics', 'report'];
const TIERS = ['free', 'standard', 'premium'];
const REASONS = ['connect ETIMEDOUT 10.0.0.1:443', 'read ECONNRESET', 'HTTP 429 Too Many Requests', 'HTTP 500 Internal'];
const DAY = 86_400_000;
const STATES = ['active', 'waiting', 'prioritized', 'delayed', 'waiting-children', 'failed', 'completed'];

function job(i, base, opts = {}) {
  return {
    name: NAMES[i % NAMES.length],
    data: {
      i,
      user: { id: i % 1000, tier: TIERS[i % 3] },
      url: `https://site${i % 7}.example.com/p/${i}`,
      tags: [`t${i % 5}`, i % 2 ? 'odd' : 'even'],
      fail: i % 3 === 0,
      reason: REASONS[i % REASONS.length],
    },
    opts: { timestamp: base - ((i * 7919) % (10 * DAY)), ...opts },
  };
}

async function addInBatches(queue, jobs) {
  for (let at = 0; at < jobs.length; at += 1000) await queue.addBulk(jobs.slice(at, at + 1000));
}

async function work(count) {
  let seen = 0;
  const finished = [Infinity, 0];
  let worker;
  await new Promise((resolve, reject) => {
    worker = new Worker(
      QUEUE,
      async (j) => {
        if (j.data.fail) throw new Error(j.data.reason);
        return { ok: j.data.i };
      },
      { connection: L.connection, concurrency: 100 },
    );
    worker.on('error', reject);
    const done = (j) => {
      finished[0] = Math.min(finished[0], j.finishedOn);
      finished[1] = Math.max(finished[1], j.finishedOn);
      if (++seen === count) resolve();
    };
    worker.on('completed', done);
    worker.on('failed', done);
  });
  await worker.close();
  return finished;
}

async function populate(queue, n) {
  const base = Date.now();
  const processed = Math.floor(n / 5);
  const kinds = [
    [processed, () => ({ attempts: 1 })],
    [Math.floor(n / 10), (i) => ({ delay: 20 * DAY + i })],
    [Math.floor(n / 10), (i) => ({ priority: 1 + (i % 5) })],
  ];
  kinds.push([n - kinds.reduce((s, [k]) => s + k, 0), () => ({})]);
  let i = 0;
  let finished;
  for (const [index, [count, opts]] of kinds.entries()) {
    const jobs = [];
    for (let k = 0; k < count; k++, i++) jobs.push(job(i, base, opts(i)));
    await addInBatches(queue, jobs);
    if (index === 0) finished = await work(count);
  }
  return { counts: await queue.getJobCounts(), base, finished };
}

function lookup(value, path) {
  let v = value;
  for (const key of path.split('.')) {
    if (Array.isArray(v)) v = /^\d+$/.test(key) ? v[Number(key)] : undefined;
    else if (v !== null && typeof v === 'object') v = Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
    else v = undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

function dataMatches(data, [path, op, text]) {
  const v = lookup(data, path);
  if (v === undefined) return false;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return op === '=' ? s === text : new RegExp(text).test(s);
}

function time(j) {
  return (j.state === 'completed' || j.state === 'failed') && j.finishedOn ? j.finishedOn : j.timestamp;
}

function order(a, b) {
  if (time(a) !== time(b)) return time(b) - time(a);
  if (a.queue !== b.queue) return a.queue < b.queue ? -1 : 1;
  const num = /^\d+$/;
  if (num.test(a.id) && num.test(b.id)) return Number(b.id) - Number(a.id);
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function selects(spec, j) {
  if (spec.states && !spec.states.includes(j.state)) return false;
  if (spec.name !== undefined && j.name !== spec.name) return false;
  if (spec.error !== undefined && !(j.failedReason && new RegExp(spec.error).test(j.failedReason))) return false;
  if (spec.since !== undefined && time(j) < spec.since) return false;
  if (spec.until !== undefined && time(j) >= spec.until) return false;
  return (spec.data || []).every((d) => dataMatches(j.data, d));
}

async function truth(queue, specs) {
  const all = [];
  for (const state of STATES) {
    for (const j of await queue.getJobs([state], 0, -1)) {
      if (j) all.push({ queue: QUEUE, id: j.id, state, name: j.name, data: j.data, timestamp: j.timestamp, finishedOn: j.finishedOn, failedReason: j.failedReason });
    }
  }
  all.sort(order);
  return specs.map((spec) => {
    const ids = all.filter((j) => selects(spec, j)).map((j) => j.id);
    return spec.limit ? ids.slice(0, spec.limit) : ids;
  });
}

L.run(`search.js ${MODE} ${QUEUE}`, async () => {
  const queue = new Queue(QUEUE, { connection: L.connection });
  try {
    if (MODE === 'populate') return await populate(queue, parseInt(L.arg(2, 'N'), 10));
    if (MODE === 'truth') return await truth(queue, JSON.parse(L.arg(2, 'SPECS')));
    throw new Error(`unknown mode ${MODE}`);
  } finally {
    await queue.close();
  }
});
