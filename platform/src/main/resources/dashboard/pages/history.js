// History: jobs filtered by mesh, test type, status and date (in the URL, so a filter is a link),
// and the trend of p99 and throughput over time for what the filter keeps.
import { get } from '../api.js';
import { h, num, ms, when, statusBadge, jobLink, figures, notice, table, TEST_TYPES, MESH_TYPES, STATUSES } from '../dom.js';
import { trendChart } from '../charts.js';

const FILTERS = [
  ['mesh_type', 'Mesh type', MESH_TYPES],
  ['test_type', 'Test type', TEST_TYPES],
  ['status', 'Status', STATUSES],
];

export async function history({ container, params }) {
  container.append(h('h1', {}, 'History'));
  const form = h('form', { class: 'filters', 'aria-label': 'Filter jobs' },
    FILTERS.map(([name, label, values]) => h('div', { class: 'field' },
      h('label', { for: `hf-${name}` }, label),
      h('select', { id: `hf-${name}`, name },
        h('option', { value: '' }, 'any'),
        values.map(v => h('option', { value: v, selected: params.get(name) === v }, v))))),
    h('div', { class: 'field' }, h('label', { for: 'hf-from' }, 'From date'),
      h('input', { id: 'hf-from', name: 'from', type: 'date', value: params.get('from') || '' })),
    h('div', { class: 'field' }, h('label', { for: 'hf-to' }, 'To date'),
      h('input', { id: 'hf-to', name: 'to', type: 'date', value: params.get('to') || '' })),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Filter')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    location.hash = `#/history${q.toString() ? `?${q}` : ''}`;
  });
  container.append(form);

  const q = new URLSearchParams({ limit: '1000' });
  if (params.get('mesh_type')) q.set('mesh_type', params.get('mesh_type'));
  if (params.get('test_type')) q.set('test_type_filter', params.get('test_type'));
  if (params.get('status')) q.set('status_filter', params.get('status'));
  const listing = await get(`/benchmarks/jobs?${q}`);
  const from = params.get('from') ? new Date(`${params.get('from')}T00:00:00`).getTime() : -Infinity;
  const to = params.get('to') ? new Date(`${params.get('to')}T23:59:59.999`).getTime() : Infinity;
  const jobs = (listing.jobs || []).filter(j => {
    const t = new Date(j.created_at).getTime();
    return t >= from && t <= to;
  });

  container.append(h('h2', {}, 'Trend of p99 and throughput'));
  const points = jobs.map(j => ({ j, f: figures(j) })).filter(x => x.f && x.f.p99 !== null)
    .map(({ j, f }) => ({ t: new Date(j.started_at || j.created_at).getTime() / 1000, p99: f.p99, rps: f.rps }));
  if (points.length === 0) {
    container.append(h('p', { class: 'muted' }, 'No finished results match.'));
  } else {
    const el = h('div', { class: 'chart', id: 'trend-chart', role: 'img', 'aria-label': 'p99 and throughput over time' });
    container.append(el);
    trendChart(el, points);
    if (!params.get('mesh_type') || !params.get('test_type')) {
      container.append(h('p', { class: 'muted' },
        'Choose one mesh type and one test type for a like-for-like trend.'));
    }
  }

  container.append(h('h2', {}, `Jobs (${jobs.length})`));
  if (jobs.length === 0) {
    container.append(notice('No jobs match these filters.'));
    return;
  }
  container.append(table(null,
    ['Job', 'Created', 'Test type', 'Mesh type', 'Status', 'p50 (ms)', 'p99 (ms)', 'Throughput (req/s)', 'Errors'],
    jobs.map(j => {
      const f = figures(j) || {};
      return [jobLink(j.job_id), when(j.created_at), j.spec?.test_type, j.spec?.mesh_type, statusBadge(j.status),
        ms(f.p50), ms(f.p99), num(f.rps), f.errors === null || f.errors === undefined ? '–' : num(f.errors, 0)];
    }), [5, 6, 7, 8]));
}
