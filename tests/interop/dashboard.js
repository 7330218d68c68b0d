'use strict';
// dashboard.js BASE_URL TOKEN QUEUE
// Drives the `queuectl serve` dashboard in headless Chromium (playwright-core,
// Debian's /usr/bin/chromium): waits for the live event stream, adds a job that
// reports progress and one that fails (through the REST API), runs a Node BullMQ
// worker for both, waits until the first job's bar reaches 100, then clicks Retry
// on the failed one. Prints {progressJobId, failedJobId, seenValues}.
const { spawn, execFileSync } = require('child_process');
const path = require('path');
const L = require('./lib');

const BASE = L.arg(0, 'BASE_URL');
const TOKEN = L.arg(1, 'TOKEN');
const QUEUE = L.arg(2, 'QUEUE');

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch (e) {
    throw new Error('chromium not found: install chromium: ./install.sh --dev');
  }
}

async function addJob(body) {
  const res = await fetch(new URL('/api/queue/jobs', BASE), {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const doc = await res.json();
  if (res.status !== 201) throw new Error(`POST /api/queue/jobs: ${res.status} ${JSON.stringify(doc)}`);
  return doc.jobId;
}

function runWorker() {
  const child = spawn(process.execPath, [path.join(__dirname, 'serve_worker.js'), QUEUE, '2', '400'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`serve_worker.js exited ${code}`))));
  });
}

L.run('dashboard.js', async () => {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e}\n`));
    const cspViolations = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    await page.goto(`${BASE}#token=${encodeURIComponent(TOKEN)}`);
    await page.waitForSelector('#ws-status[data-state="open"]');
    const addressAfterLoad = page.url();

    // Every value any bar takes, in order: polling could miss a value that a
    // burst of events replaced within one frame.
    await page.evaluate(() => {
      window.barValues = {};
      new MutationObserver((records) => {
        for (const r of records) {
          const id = r.target.closest('li').dataset.jobId;
          (window.barValues[id] ||= []).push(r.target.value);
        }
      }).observe(document.querySelector('#active'), { subtree: true, attributeFilter: ['value'] });
    });

    const progressJobId = await addJob({ type: 'watch-me', options: { queue: QUEUE } });
    const failedJobId = await addJob({ type: 'fail', options: { queue: QUEUE, attempts: 1 } });
    const worker = runWorker();

    // The bar must move through values below 100 (live updates), then reach 100.
    await page.waitForFunction((id) => (window.barValues[id] || []).includes(100), progressJobId);
    const seenValues = await page.evaluate((id) => window.barValues[id].filter((v) => v > 0), progressJobId);
    await worker;

    const row = `#failures li[data-failed-job-id="${failedJobId}"][data-queue="${QUEUE}"]`;
    await page.click(`${row} button[data-retry]`);
    await page.waitForSelector(row, { state: 'detached' });
    await page.waitForFunction(() => document.querySelector('#message').textContent.includes('queued for retry'));
    return { progressJobId, failedJobId, seenValues, addressAfterLoad, cspViolations };
  } finally {
    await browser.close();
  }
});
