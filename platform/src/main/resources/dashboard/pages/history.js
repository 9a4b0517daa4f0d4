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

  const LIMIT = 1000;
  const q = new URLSearchParams({ limit: String(LIMIT) });
  if (params.get('mesh_type')) q.set('mesh_type', params.get('mesh_type'));
  if (params.get('test_type')) q.set('test_type_filter', params.get('test_type'));
  if (params.get('status')) q.set('status_filter', params.get('status'));
  // The dates are the user's own days: local midnight to the next local midnight, filtered by the
  // server, so that a range older than the newest thousand jobs still finds its jobs.
  const from = localMidnight(params.get('from'), 0);
  const to = localMidnight(params.get('to'), 1);
  if (from) q.set('created_since', from.toISOString());
  if (to) q.set('created_before', to.toISOString());
  const listing = await get(`/benchmarks/jobs?${q}`);
  const jobs = listing.jobs || [];

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
  if (jobs.length >= LIMIT) {
    container.append(notice(`The newest ${LIMIT} jobs that match; choose a narrower date range to see older ones.`));
  }
  container.append(table(null,
    ['Job', 'Created', 'Test type', 'Mesh type', 'Status', 'p50 (ms)', 'p99 (ms)', 'Throughput (req/s)', 'Errors'],
    jobs.map(j => {
      const f = figures(j) || {};
      return [jobLink(j.job_id), when(j.created_at), j.spec?.test_type, j.spec?.mesh_type, statusBadge(j.status),
        ms(f.p50), ms(f.p99), num(f.rps), f.errors === null || f.errors === undefined ? '–' : num(f.errors, 0)];
    }), [5, 6, 7, 8]));
}

/** The local midnight that starts day (YYYY-MM-DD) plus days, or null without a valid day. */
function localMidnight(day, days) {
  if (!day) return null;
  const at = new Date(`${day}T00:00:00`);
  if (Number.isNaN(at.getTime())) return null;
  at.setDate(at.getDate() + days);
  return at;
}
