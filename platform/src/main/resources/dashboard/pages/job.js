// One job: live while it runs (SSE), then its result — spectrum, time series, errors, resources,
// generator health, spec and environment, downloads.
import { get, post, hasRoute } from '../api.js';
import { h, num, ms, when, statusBadge, notice, table, facts, announce } from '../dom.js';
import { spectrumChart, timeChart } from '../charts.js';
import { follow } from '../live.js';
import { csvOf, download } from '../csv.js';

const ACTIVE = ['pending', 'running'];

export async function jobView(ctx) {
  const { container, id } = ctx;
  const doc = await get(`/benchmarks/jobs/${encodeURIComponent(id)}`);
  container.replaceChildren();
  container.append(h('h1', {}, h('span', { class: 'muted' }, 'Job '), h('span', { class: 'mono' }, doc.job_id)));
  container.append(h('p', {}, statusBadge(doc.status), ' ',
    `${doc.spec?.test_type} · ${doc.spec?.mesh_types ? `mesh matrix ${doc.spec.mesh_types.join(', ')}` : doc.spec?.mesh_type} · executor ${doc.executor || '–'} · created ${when(doc.created_at)}`
    + (doc.completed_at ? ` · ended ${when(doc.completed_at)}` : '')));
  if (doc.error) {
    container.append(doc.status === 'cancelled' ? notice(`Stopped before its planned end (${doc.error}); the result covers what ran.`, 'warn')
      : notice(`Error: ${doc.error}`, 'error'));
  }
  if (doc.result?.first_error) container.append(notice(`First error: ${doc.result.first_error}`, 'warn'));
  if (ACTIVE.includes(doc.status)) {
    live(ctx, doc);
  } else {
    await actions(container, doc);
    if (doc.result) await result(container, doc);
    if (doc.matrix) matrix(container, doc.matrix);
  }
  specAndEnvironment(container, doc);
}

function live(ctx, doc) {
  const { container, signal } = ctx;
  const stop = h('button', { type: 'button', class: 'danger' }, 'Stop');
  const stopMsg = h('span', { role: 'status', 'aria-live': 'polite' });
  // Busy, not disabled: a disabled button drops the focus, and the token dialog returns it here.
  stop.addEventListener('click', async () => {
    if (stop.getAttribute('aria-disabled') === 'true') return;
    stop.setAttribute('aria-disabled', 'true');
    try {
      await post(`/benchmarks/jobs/${encodeURIComponent(doc.job_id)}/stop`);
      stopMsg.textContent = 'Stopping…';
    } catch (e) {
      stopMsg.textContent = `Could not stop: ${e.message}`;
      stop.removeAttribute('aria-disabled');
    }
  });
  const bar = h('progress', { id: 'job-progress', max: 1, value: 0 });
  const phase = h('span', {}, doc.status === 'pending' ? 'queued' : 'starting');
  const elapsed = h('span', { class: 'figure' }, '–');
  const requests = h('span', { class: 'figure', id: 'live-requests' }, '0');
  const errors = h('span', { class: 'figure', id: 'live-errors' }, '0');
  const rps = h('span', { class: 'figure' }, '–');
  const p99 = h('span', { class: 'figure', id: 'live-p99' }, '–');
  const chartEl = h('div', { class: 'chart', id: 'live-chart', role: 'img',
    'aria-label': 'Requests per second and p99 latency per second, live' });
  container.append(
    h('div', { class: 'actions' }, stop, stopMsg),
    h('h2', {}, 'Live'),
    h('label', { for: 'job-progress' }, 'Progress: ', phase), bar,
    h('div', { class: 'live' },
      h('div', {}, h('div', { class: 'muted' }, 'Elapsed (s)'), elapsed),
      h('div', {}, h('div', { class: 'muted' }, 'Requests'), requests),
      h('div', {}, h('div', { class: 'muted' }, 'Errors'), errors),
      h('div', {}, h('div', { class: 'muted' }, 'Rate (req/s)'), rps),
      h('div', {}, h('div', { class: 'muted' }, 'p99 (ms)'), p99)),
    chartEl);
  let chart = null;
  follow(doc.job_id, signal, {
    progress(e) {
      bar.value = e.fraction ?? 0;
      phase.textContent = e.phase;
      elapsed.textContent = `${num(e.elapsed_s, 0)} / ${num(e.planned_s, 0)}`;
      requests.textContent = num(e.requests, 0);
      errors.textContent = num(e.errors, 0);
      const i = e.interval;
      if (i && e.phase !== 'warmup') {
        rps.textContent = num(i.rps, 0);
        // null: nothing succeeded in that second (a stalled target), so it has no latency.
        p99.textContent = ms(i.p99_ms);
        p99.title = i.p99_ms === null ? 'No request succeeded in the last second: no latency to show' : '';
        if (!chart) {
          chart = timeChart(chartEl, [], [
            { key: 'rps', label: 'Requests/s', scale: 'rps' },
            { key: 'p99_ms', label: 'p99 (ms)', scale: 'ms' },
            { key: 'errors', label: 'Errors/s', scale: 'rps' }]);
        }
        chart.push(i);
      }
    },
    async status() {
      if (signal.aborted) return;
      await jobView(ctx);
      if (signal.aborted) return;
      // The page was rebuilt under the reader (the Stop button is gone): say how it ended, and
      // put the focus on the job's heading rather than nowhere.
      const badge = container.querySelector('h1 + p .status');
      announce(`Job ${doc.job_id} ${badge ? badge.textContent : 'ended'}`);
      const heading = container.querySelector('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    },
    failed(e) {
      container.append(notice(`Live updates stopped: ${e.detail || 'connection lost'}`, 'warn'));
    },
  });
}

async function actions(container, doc) {
  const id = encodeURIComponent(doc.job_id);
  const links = [h('a', { href: `/benchmarks/jobs/${id}`, download: `${doc.job_id}.json` }, 'Download JSON')];
  if (await hasRoute('/benchmarks/jobs/{id}/export')) {
    links.push(h('a', { href: `/benchmarks/jobs/${id}/export?format=csv`, download: `${doc.job_id}.csv` }, 'Download CSV'));
    links.push(h('a', { href: `/benchmarks/jobs/${id}/export?format=smp`, download: `${doc.job_id}.smp.json` }, 'Service Mesh Performance (SMP)'));
    links.push(h('a', { href: `/benchmarks/jobs/${id}/export?format=hlog`, download: `${doc.job_id}.hlog` }, 'HdrHistogram log'));
  } else if (doc.result) {
    links.push(h('a', { href: '#', onclick: e => { e.preventDefault(); download(`${doc.job_id}.csv`, csvOf(doc)); } },
      'Download CSV'));
  }
  if (doc.result) links.push(h('a', { href: `#/compare?pick=${id}` }, 'Compare with…'));
  container.append(h('nav', { class: 'downloads', 'aria-label': 'Downloads and actions' }, links));
}

const LEVELS = [['min', 'min'], ['p50', 'p50'], ['p75', 'p75'], ['p90', 'p90'], ['p95', 'p95'], ['p99', 'p99'],
  ['p99_9', 'p99.9'], ['p99_99', 'p99.99'], ['max', 'max'], ['mean', 'mean'], ['stdev', 'stdev']];

async function result(container, doc) {
  const r = doc.result;
  container.append(h('h2', {}, 'Result'));
  container.append(facts([
    ['Requests', num(r.requests, 0)],
    // requests counts every outcome, errors included (RunResult.errorRate).
    ['Errors', `${num(r.errors, 0)}${r.requests ? ` (${num(100 * r.errors / r.requests, 2)} %)` : ''}`],
    ['Throughput', `${num(r.throughput_rps)} req/s`],
    r.inferences_per_s !== undefined ? ['Inferences', `${num(r.inferences_per_s)} /s`] : ['', undefined],
    ['Measured', `${num(r.duration_s, 1)} s`],
    ['Connections', r.connections !== undefined ? num(r.connections, 0) : undefined],
  ]));
  if ((r.requests ?? 0) - (r.errors ?? 0) <= 0) {
    // The document's latency figures are zeros standing for "no data": 0 ms would read as fast.
    container.append(h('p', { id: 'no-latency' }, 'Latency: none, no request succeeded.'));
  } else {
    await latency(container, doc);
  }
  await rest(container, doc);
}

async function latency(container, doc) {
  const r = doc.result;
  const lat = r.latency_ms || {};
  const svc = r.service_time_ms || {};
  container.append(table('Latency (ms): corrected from the intended send time, and service time',
    ['Latency', ...LEVELS.map(l => l[1])],
    [['Corrected', ...LEVELS.map(l => ms(lat[l[0]]))],
      ['Service time', ...LEVELS.map(l => ms(svc[l[0]]))]],
    LEVELS.map((_, i) => i + 1)));

  container.append(h('h2', {}, 'Percentile spectrum'));
  const spectrumEl = h('div', { class: 'chart', id: 'spectrum-chart', role: 'img',
    'aria-label': 'Latency by percentile, corrected and service time' });
  container.append(spectrumEl);
  try {
    const s = await get(`/benchmarks/jobs/${encodeURIComponent(doc.job_id)}/spectrum`);
    spectrumChart(spectrumEl, [
      { label: 'Corrected (ms)', points: s.corrected.points },
      { label: 'Service time (ms)', points: s.service.points }]);
    spectrumEl.after(h('p', { class: 'muted' },
      `Max: ${ms(s.corrected.max_ms)} ms corrected, ${ms(s.service.max_ms)} ms service time `
      + `(the 100 % level has no place on this axis). ${num(s.corrected.count, 0)} values.`));
  } catch (e) {
    spectrumEl.replaceChildren(notice(`No spectrum: ${e.message}`, 'warn'));
  }
}

// The time series and the generator's health: told for every run, one without a success included.
async function rest(container, doc) {
  const r = doc.result;
  const series = r.timeseries || [];
  container.append(h('h2', {}, 'Time series'));
  if (series.length === 0) {
    container.append(h('p', { class: 'muted' }, 'No per-second series in this result.'));
  } else {
    const grid = h('div', { class: 'grid2' });
    const a = h('div', { class: 'chart', id: 'series-rps', role: 'img', 'aria-label': 'Requests and errors per second' });
    const b = h('div', { class: 'chart', id: 'series-latency', role: 'img', 'aria-label': 'Latency per second' });
    grid.append(a, b);
    container.append(grid);
    timeChart(a, series, [{ key: 'rps', label: 'Requests/s', scale: 'rps' },
      { key: 'errors', label: 'Errors/s', scale: 'rps' }], 'Throughput');
    timeChart(b, series, [{ key: 'p50_ms', label: 'p50 (ms)', scale: 'ms' },
      { key: 'p99_ms', label: 'p99 (ms)', scale: 'ms' }, { key: 'max_ms', label: 'max (ms)', scale: 'ms' }], 'Latency');
  }

  container.append(h('h2', {}, 'Errors'));
  const kinds = Object.entries(r.error_kinds || {});
  const codes = Object.entries(r.status_codes || {});
  container.append(h('div', { class: 'grid2' },
    kinds.length ? table('By kind', ['Kind', 'Count'], kinds.map(([k, v]) => [k, num(v, 0)]), [1])
      : h('p', {}, 'No errors.'),
    codes.length ? table('By status', ['Status', 'Count'], codes.map(([k, v]) => [k, num(v, 0)]), [1]) : null));

  // Cluster runs record their containers' usage beside the result's figures (DESIGN §5).
  const containers = r.resources?.containers || [];
  if (containers.length) {
    container.append(h('h2', {}, 'Resources per container'));
    container.append(table(null, ['Pod', 'Container', 'Role', 'Side', 'CPU avg (m)', 'CPU max (m)', 'Memory avg (MiB)', 'Memory max (MiB)'],
      containers.map(c => [c.pod, c.container, c.role, c.side, num(c.cpu_millicores_avg, 0), num(c.cpu_millicores_max, 0),
        num(c.memory_mib_avg, 1), num(c.memory_mib_max, 1)]), [4, 5, 6, 7]));
  }

  if (doc.cluster) container.append(clusterRun(doc.cluster, r.resources));

  container.append(h('h2', {}, 'Generator health'));
  container.append(generatorHealth(r));

  const its = doc.iterations || [];
  if (its.length > 1) {
    container.append(h('h2', {}, 'Iterations'));
    container.append(table(null, ['#', 'Requests', 'Throughput (req/s)', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
      its.map((it, i) => [i + 1, num(it.requests, 0), num(it.throughput_rps), ms(it.latency_ms?.p50),
        ms(it.latency_ms?.p99), ms(it.latency_ms?.max)]), [1, 2, 3, 4, 5]));
  }
}

const HEALTH = [
  ['requested_rate_rps', 'Requested rate (req/s)', v => num(v)],
  ['send_rate_rps', 'Send rate (req/s)', v => num(v)],
  ['rate_sustained', 'Rate sustained', v => (v ? 'yes' : 'no')],
  ['scheduled', 'Scheduled', v => num(v, 0)],
  ['sent', 'Sent', v => num(v, 0)],
  ['unsent', 'Unsent', v => num(v, 0)],
  ['max_lag_ms', 'Max lag (ms)', v => ms(v)],
  ['loadgen_cpu_percent', 'Generator CPU (%)', v => num(v)],
  ['loadgen_saturated', 'Generator saturated', v => (v ? 'yes' : 'no')],
];

function generatorHealth(r) {
  const rows = HEALTH.filter(([k]) => r[k] !== undefined && r[k] !== null).map(([k, label, f]) => [label, f(r[k])]);
  // Lateness figures (the generator's own delay, apart from waiting for a connection) are added
  // by the engine under names with "late"; show whatever is there.
  for (const [k, v] of Object.entries(r)) {
    if (/late(?!ncy)/i.test(k) && v !== null) rows.push([k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  }
  return h('div', {}, ...healthWarnings(r).map(text => notice(text, 'warn')), facts(rows));
}

// The warnings of the CLI report, the HTML export and comparisons, in their words (HealthNotes on
// the server): a run that looks fine here must be fine there too.
function healthWarnings(r) {
  const fixed = (v, digits) => Number(v ?? 0).toFixed(digits);
  const warnings = [];
  if (r.rate_sustained === false) {
    const missing = (r.scheduled ?? 0) - (r.sent ?? 0);
    warnings.push(`Rate not sustained: ${missing} of ${r.scheduled} scheduled requests were never sent`
      + ` (${fixed(100 * missing / Math.max(1, r.scheduled ?? 0), 1)}%). The target or the generator could not`
      + ` keep up (longest wait for a free connection ${fixed(r.connection_wait_max_ms, 2)} ms, the target's`
      + ` doing; the generator's own lateness up to ${fixed(r.loadgen_lag_max_ms, 3)} ms); the requests that`
      + ' went out late count their wait in the corrected latency.');
  }
  if (r.unsent > 0) {
    warnings.push(`${r.unsent} requests were due but never sent before the end; the oldest was`
      + ` ${fixed(r.unsent_lag_ms, 2)} ms overdue. They have no latency sample: the corrected percentiles`
      + ' understate the wait.');
  }
  if (r.loadgen_saturated === true) {
    warnings.push('Load generator saturated: a load thread was at or above 90% CPU, or the generator itself'
      + ` acted late (p99 ${fixed(r.loadgen_lag_p99_ms, 3)} ms with a connection free, or a late timer: starved`
      + ' of a core), so the figures may show the generator\'s limit. Use more threads, fewer connections'
      + ' per thread, or a machine (pod CPU limit) with room.');
  }
  // The rate check's tolerance (RateCheck.TOLERANCE): 1 % of the requests.
  if (r.completed_after_end > 0.01 * (r.requests ?? 0)) {
    warnings.push(`${r.completed_after_end} requests (${fixed(100 * r.completed_after_end / Math.max(1, r.requests), 1)}%)`
      + ' completed after the measured end, during the drain: they count in the totals and percentiles but'
      + ' in no second of the time series, which therefore shows less than the totals.');
  }
  return warnings;
}

function specAndEnvironment(container, doc) {
  const spec = doc.spec || {};
  const env = doc.environment || {};
  const show = v => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  container.append(h('div', { class: 'grid2' },
    h('section', { 'aria-labelledby': 'spec-h' }, h('h2', { id: 'spec-h' }, 'Spec'),
      facts(Object.entries(spec).map(([k, v]) => [k, show(v)]))),
    h('section', { 'aria-labelledby': 'env-h' }, h('h2', { id: 'env-h' }, 'Environment'),
      Object.keys(env).length ? facts(Object.entries(env).map(([k, v]) => [k, show(v)]))
        : h('p', { class: 'muted' }, 'Recorded when the run starts.'))));
}

// A mesh matrix: one row per mesh (merged over its iterations) and its overhead against the
// reference mesh, from the document's matrix.comparison; each mesh's status and error below.
function matrix(container, m) {
  container.append(h('h2', {}, 'Mesh matrix'));
  container.append(h('p', { class: 'muted' }, `Ran interleaved: ${(m.order || []).join(' → ')}`));
  const c = m.comparison;
  if (c) {
    const overhead = o => (o ? `${ms(o.mean)}${o.ci95 ? ` [${ms(o.ci95.ci95_low)}, ${ms(o.ci95.ci95_high)}]` : ''}` : 'reference');
    container.append(table(`Against ${c.reference_mesh}: mean of paired per-iteration differences, 95 % CI`,
      ['Mesh', 'Status', 'p50 (ms)', 'p99 (ms)', 'p99.9 (ms)', 'req/s', 'Proxy mCPU', 'Proxy MiB', 'p99 overhead (ms)', 'Throughput overhead (req/s)'],
      c.meshes.map(r => [r.mesh_type, r.status, ms(r.p50_ms), ms(r.p99_ms), ms(r.p99_9_ms), num(r.throughput_rps),
        r.proxy_cpu_millicores ?? 'n/a', r.proxy_memory_mib ?? 'n/a', overhead(r.p99_overhead_ms),
        r.throughput_overhead_rps ? overhead(r.throughput_overhead_rps) : 'reference']),
      [2, 3, 4, 5, 6, 7]));
  }
  for (const run of m.meshes || []) {
    if (run.error) container.append(notice(`${run.mesh_type}: ${run.error}`, run.status === 'cancelled' ? 'warn' : 'error'));
  }
}

// "istio 1.24.2 · ready", or why not: the mesh as the cluster run found it.
function meshStatus(m) {
  const state = !m.installed ? 'not installed' : m.ready ? 'ready' : 'not ready';
  return [m.mesh_type, m.version, m.revision ? `revision ${m.revision}` : null, state, m.detail]
    .filter(Boolean).join(' · ');
}

function clusterRun(c, resources) {
  const show = v => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return h('section', { 'aria-labelledby': 'cluster-h' }, h('h2', { id: 'cluster-h' }, 'Cluster run'),
    c.mesh_verified === false ? notice('The mesh was not verified on every pod: a labelled run.', 'warn') : null,
    facts([['Namespace', show(c.namespace)], ['Workers', show(c.workers)], ['Image', show(c.image)],
      ['Sidecar mode', show(c.sidecar_mode)], ['Mesh verified', c.mesh_verified ? 'yes' : 'no'],
      ['Mesh', c.mesh ? meshStatus(c.mesh) : '–'],
      ['Resource samples', resources ? `${show(resources.samples)}${resources.available === false ? ` (unavailable: ${resources.reason})` : ''}` : '–']]));
}
