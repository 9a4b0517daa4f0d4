// Overview: running jobs with live progress, one card per mesh, the most recent jobs.
import { get } from '../api.js';
import { h, num, ms, pct, when, statusBadge, jobLink, figures, notice, table } from '../dom.js';
import { follow } from '../live.js';

export async function overview({ container, signal }) {
  // New jobs appear and running ones end without a reload: a redraw when the list changes (not
  // on every poll, so that focus and scroll stay put while nothing happens).
  let inner = new AbortController();
  signal.addEventListener('abort', () => inner.abort());
  let shown = await draw(container, inner.signal);
  const timer = setInterval(async () => {
    const listing = await get('/benchmarks/jobs?limit=30').catch(() => null);
    if (!listing || signal.aborted || fingerprint(listing.jobs) === shown) return;
    inner.abort();
    inner = new AbortController();
    container.replaceChildren();
    shown = await draw(container, inner.signal);
  }, 5000);
  signal.addEventListener('abort', () => clearInterval(timer));
}

function fingerprint(jobs) {
  return (jobs || []).map(j => `${j.job_id}:${j.status}`).join(',');
}

/** Draws the page; returns the fingerprint of the jobs it shows. */
async function draw(container, signal) {
  container.append(h('h1', {}, 'Overview'));
  const [listing, summary] = await Promise.all([
    get('/benchmarks/jobs?limit=30'),
    get('/metrics/summary').catch(() => ({ groups: [] })),
  ]);
  const jobs = listing.jobs || [];

  const running = jobs.filter(j => j.status === 'running' || j.status === 'pending');
  container.append(h('h2', {}, 'Running'));
  if (running.length === 0) {
    container.append(h('p', { class: 'muted' }, 'Nothing is running. ',
      h('a', { href: '#/new' }, 'Start a benchmark'), '.'));
  } else {
    const list = h('div', { class: 'cards' });
    for (const j of running) list.append(runningCard(j, signal));
    container.append(list);
  }

  container.append(h('h2', {}, 'Meshes'));
  const groups = summary.groups || [];
  if (groups.length === 0) {
    container.append(h('p', { class: 'muted' }, 'No finished results yet.'));
  } else {
    container.append(h('div', { class: 'cards' }, groups.map(meshCard)));
  }

  container.append(h('h2', {}, 'Recent jobs'));
  if (jobs.length === 0) {
    container.append(notice('No jobs yet. Start one from "New benchmark".'));
    return fingerprint(jobs);
  }
  container.append(table(null,
    ['Job', 'Test type', 'Mesh type', 'Status', 'p50 (ms)', 'p99 (ms)', 'Throughput (req/s)', 'Started'],
    jobs.map(j => {
      const f = figures(j) || {};
      return [jobLink(j.job_id), j.spec?.test_type, j.spec?.mesh_type, statusBadge(j.status),
        ms(f.p50), ms(f.p99), num(f.rps), when(j.started_at || j.created_at)];
    }), [4, 5, 6]));
  return fingerprint(jobs);
}

function runningCard(job, signal) {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': `Progress of ${job.job_id}` });
  const line = h('p', { class: 'muted' }, job.status === 'pending' ? 'queued' : 'starting…');
  follow(job.job_id, signal, {
    progress(e) {
      bar.value = e.fraction ?? 0;
      line.textContent = `${e.phase} · ${num(e.elapsed_s, 0)} / ${num(e.planned_s, 0)} s · `
        + `${num(e.requests, 0)} requests · ${num(e.errors, 0)} errors`;
    },
    status(e) {
      bar.value = 1;
      line.textContent = `${e.status}${e.error ? `: ${e.error}` : ''}`;
    },
  });
  return h('div', { class: 'card' },
    h('h3', {}, jobLink(job.job_id)),
    h('p', {}, `${job.spec?.test_type} · ${job.spec?.mesh_type}`), bar, line);
}

function meshCard(g) {
  const o = g.overhead_vs_baseline;
  return h('div', { class: 'card' },
    h('h3', {}, `${g.mesh_type} · ${g.test_type}`),
    h('dl', {},
      h('dt', {}, 'Runs'), h('dd', {}, g.count),
      h('dt', {}, 'Latest p50'), h('dd', {}, `${ms(g.latest?.p50_ms)} ms`),
      h('dt', {}, 'Latest p99'), h('dd', {}, `${ms(g.latest?.p99_ms)} ms`),
      h('dt', {}, 'Throughput'), h('dd', {}, `${num(g.latest?.throughput_rps)} req/s`),
      o ? [h('dt', {}, 'p99 vs baseline'), h('dd', {}, `${ms(o.p99_ms)} ms (${pct(o.p99_pct)})`),
        h('dt', {}, 'Throughput vs baseline'), h('dd', {}, pct(o.throughput_pct))] : null),
    g.latest?.job_id ? h('p', {}, 'Latest: ', jobLink(g.latest.job_id)) : null);
}
