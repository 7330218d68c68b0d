'use strict';
// Everything here is served by `queuectl serve` itself: no external URLs.
// Text from jobs is only ever set with textContent.
(function () {
  const $ = (id) => document.getElementById(id);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  let token = fromHash || sessionStorage.getItem('queuectl-token') || '';
  if (fromHash !== null) {
    // Keep the token out of the address bar, history and bookmarks.
    sessionStorage.setItem('queuectl-token', token);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const DONE_LINGER_MS = 8000;

  function say(text) { $('message').textContent = text; }

  function askToken() {
    const t = window.prompt('Bearer token (queuectl serve --token)', token);
    if (t !== null) { token = t.trim(); sessionStorage.setItem('queuectl-token', token); }
    return t !== null;
  }
  $('set-token').addEventListener('click', () => { if (askToken()) { connect(); refresh(); } });

  async function api(method, path) {
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    const res = await fetch(path, { method, headers });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) { const err = new Error(body.error || res.statusText); err.status = res.status; throw err; }
    return body;
  }

  function cell(row, text, cls) {
    const td = row.insertCell();
    td.textContent = text;
    if (cls) td.className = cls;
  }

  async function loadStats() {
    const doc = await api('GET', '/api/queue/stats');
    const body = $('queues');
    body.textContent = '';
    if (doc.queues.length === 0) {
      cell(body.insertRow(), 'no queues under this prefix', 'empty').colSpan = 8;
    }
    for (const q of doc.queues) {
      const row = body.insertRow();
      row.dataset.queue = q.name;
      const c = q.counts;
      cell(row, q.name);
      [c.waiting, c.active, c.delayed, c.prioritized, c.completed].forEach((n) => cell(row, String(n)));
      cell(row, String(c.failed), c.failed > 0 ? 'failed-count' : '');
      cell(row, q.paused ? 'paused' : 'running');
    }
  }

  // ---- active jobs, driven by the WebSocket

  function activeRow(queue, id) {
    let li = document.querySelector(`#active li[data-job-id="${CSS.escape(id)}"][data-queue="${CSS.escape(queue)}"]`);
    if (!li) {
      li = document.createElement('li');
      li.dataset.jobId = id;
      li.dataset.queue = queue;
      const name = document.createElement('span');
      name.className = 'id';
      name.textContent = queue + ' #' + id;
      const bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      const meta = document.createElement('span');
      meta.className = 'meta';
      li.append(name, bar, meta);
      $('active').append(li);
    }
    $('active-empty').hidden = true;
    return li;
  }

  function setProgress(li, progress, message) {
    const pct = typeof progress === 'number' ? Math.max(0, Math.min(100, progress)) : null;
    const bar = li.querySelector('progress');
    if (pct !== null) bar.value = pct;
    li.querySelector('.meta').textContent = (pct !== null ? pct + ' %' : '') + (message ? ' ' + message : '');
  }

  function finish(li, outcome) {
    li.dataset.done = outcome;
    if (outcome === 'completed') setProgress(li, 100, 'completed');
    else li.querySelector('.meta').textContent = 'failed';
    setTimeout(() => { li.remove(); $('active-empty').hidden = $('active').children.length > 0; }, DONE_LINGER_MS);
  }

  function onEvent(ev) {
    if (!ev.jobId || !ev.queue) return;
    switch (ev.type) {
      case 'job:active': activeRow(ev.queue, ev.jobId); break;
      case 'job:progress': setProgress(activeRow(ev.queue, ev.jobId), ev.progress, ev.message); break;
      case 'job:completed': finish(activeRow(ev.queue, ev.jobId), 'completed'); scheduleRefresh(); break;
      case 'job:failed': finish(activeRow(ev.queue, ev.jobId), 'failed'); scheduleRefresh(); break;
    }
  }

  async function loadActive() {
    const doc = await api('GET', '/api/queue/jobs?status=active&limit=100');
    for (const j of doc.jobs) setProgress(activeRow(j.queue, j.id), j.progress, null);
  }

  let socket = null;
  function connect() {
    if (socket) { socket.onclose = null; socket.close(); }
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const query = token ? '?token=' + encodeURIComponent(token) : '';
    socket = new WebSocket(scheme + location.host + '/api/queue/ws' + query);
    const status = $('ws-status');
    socket.onopen = () => { status.dataset.state = 'open'; status.textContent = 'events: live'; };
    socket.onmessage = (m) => { try { onEvent(JSON.parse(m.data)); } catch (e) { /* not JSON: ignore */ } };
    socket.onclose = () => {
      status.dataset.state = 'closed';
      status.textContent = 'events: reconnecting…';
      setTimeout(connect, 2000);
    };
  }

  // ---- recent failures, with retry

  async function loadFailures() {
    const doc = await api('GET', '/api/queue/jobs?status=failed&limit=20');
    const list = $('failures');
    list.textContent = '';
    for (const j of doc.jobs) {
      const li = document.createElement('li');
      li.dataset.failedJobId = j.id;
      li.dataset.queue = j.queue;
      const name = document.createElement('span');
      name.className = 'id';
      name.textContent = j.queue + ' #' + j.id + ' ' + j.name;
      const reason = document.createElement('span');
      reason.className = 'reason';
      reason.textContent = j.failedReason || '';
      reason.title = j.failedReason || '';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Retry';
      button.dataset.retry = '';
      button.addEventListener('click', () => retry(j.queue, j.id, li, button));
      li.append(name, reason, button);
      list.append(li);
    }
    $('failures-empty').hidden = doc.jobs.length > 0;
  }

  async function retry(queue, id, li, button) {
    button.disabled = true;
    const path = `/api/queue/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(id)}/retry`;
    try {
      await api('POST', path);
      li.remove();
      $('failures-empty').hidden = $('failures').children.length > 0;
      say(`job ${id} of ${queue} queued for retry`);
      scheduleRefresh();
    } catch (e) {
      if ((e.status === 401 || e.status === 403) && askToken()) { button.disabled = false; return retry(queue, id, li, button); }
      say(`retry failed: ${e.message}`);
      button.disabled = false;
    }
  }

  // ---- refreshing

  let pending = null;
  function scheduleRefresh() {
    if (!pending) pending = setTimeout(() => { pending = null; refresh(); }, 300);
  }

  async function refresh() {
    try {
      await Promise.all([loadStats(), loadFailures()]);
    } catch (e) {
      say(e.status === 401 ? 'this server needs a token: click Token…' : 'refresh failed: ' + e.message);
    }
  }

  connect();
  refresh();
  loadActive().catch(() => {});
  setInterval(refresh, 5000);
})();
