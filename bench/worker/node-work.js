'use strict';
// worker/node-work.js QUEUE CONCURRENCY [N=100000] [WARM_QUEUE]
// Node BullMQ reference for `queuectl worker`, after the anchor's work.js: a Worker with a
// no-op async processor at CONCURRENCY on QUEUE, which the caller has pre-filled with N jobs
// (worker/fill.js, a separate process). With WARM_QUEUE (pre-filled with a few hundred jobs),
// a first Worker drains it untimed, so the Lua scripts are loaded and the JIT is warm, as in
// the anchor. The timed window runs from worker.run() to the N-th `completed` event; client
// CPU is process.cpuUsage() over that window, Redis CPU/commands come from INFO around it.
// Then the worker is closed and the process exits. Prints one JSON line on stdout.
const t_start = process.hrtime.bigint();
const fs = require('node:fs');
const IORedis = require('ioredis');
const { Worker } = require('bullmq');
const C = require('../common.js');

const QUEUE = process.argv[2];
const CONC = parseInt(process.argv[3] || '1', 10);
const N = parseInt(process.argv[4] || '100000', 10);
const WARM_QUEUE = process.argv[5] || '';

function vmHwmMb() {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return m ? C.round(parseInt(m[1], 10) / 1024, 1) : null;
}

// Runs a Worker until n jobs have finished; `timed` brackets the run with INFO + cpuUsage.
function drain(queue, n, stats, timed) {
  return new Promise((resolve, reject) => {
    let done = 0;
    let failed = 0;
    const worker = new Worker(queue, async () => {}, {
      connection: C.connection(),
      concurrency: CONC,
      autorun: false,
    });
    worker.on('error', reject);
    const finish = (w) => resolve({ worker, failed, done, ...w });
    worker.waitUntilReady().then(async () => {
      const before = timed ? await C.infoSnapshot(stats) : null;
      const cpu0 = process.cpuUsage();
      const t0 = C.nowMs();
      const onEnd = () => {
        const wall_s = (C.nowMs() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const client_cpu_s = (cpu.user + cpu.system) / 1e6;
        if (!timed) return finish({ wall_s, client_cpu_s });
        C.infoSnapshot(stats).then((after) => finish({ wall_s, client_cpu_s, ...C.redisDelta(before, after) }), reject);
      };
      const tick = () => {
        if (done + failed === n) onEnd();
      };
      worker.on('completed', () => {
        done++;
        tick();
      });
      worker.on('failed', () => {
        failed++;
        tick();
      });
      worker.run().catch(reject);
    }, reject);
  });
}

(async () => {
  if (!QUEUE || !(CONC > 0)) throw new Error('usage: node-work.js QUEUE CONCURRENCY [N] [WARM_QUEUE]');
  const stats = new IORedis(C.connection());
  let warm_ms = 0;
  if (WARM_QUEUE) {
    const warmN = await stats.llen(`bull:${WARM_QUEUE}:wait`);
    if (warmN > 0) {
      const tw = C.nowMs();
      const w = await drain(WARM_QUEUE, warmN, stats, false);
      await w.worker.close();
      warm_ms = C.nowMs() - tw;
    }
  }
  const setup_ms = Number(process.hrtime.bigint() - t_start) / 1e6;
  const res = await drain(QUEUE, N, stats, true);
  const tc = C.nowMs();
  await res.worker.close();
  const close_ms = C.nowMs() - tc;
  await stats.quit();
  const { worker, ...w } = res;
  process.stdout.write(
    JSON.stringify({
      n: N,
      concurrency: CONC,
      setup_ms: C.round(setup_ms, 1),
      warm_ms: C.round(warm_ms, 1),
      close_ms: C.round(close_ms, 1),
      ...w,
      wall_s: C.round(w.wall_s, 4),
      client_cpu_s: C.round(w.client_cpu_s, 4),
      vmhwm_mb: vmHwmMb(),
    }) + '\n',
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
