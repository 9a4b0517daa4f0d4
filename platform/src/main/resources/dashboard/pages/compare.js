// Compare: pick two or more finished jobs; overlaid spectra, figures with deltas and confidence
// intervals against the first (the baseline of the comparison), proxy CPU/memory when measured.
import { get } from '../api.js';
import { h, num, ms, pct, signed, when, jobLink, figures, notice, table } from '../dom.js';
import { spectrumChart, seriesColor } from '../charts.js';

export async function compare({ container, params }) {
  container.append(h('h1', {}, 'Compare'));
  const ids = (params.get('ids') || '').split(',').map(s => s.trim()).filter(Boolean);
  await picker(container, ids.length ? ids : (params.get('pick') || '').split(',').filter(Boolean));
  if (ids.length >= 2) await comparison(container, ids);
}

async function picker(container, chosen) {
  const listing = await get('/benchmarks/jobs?status_filter=completed&limit=100');
  const jobs = listing.jobs || [];
  if (jobs.length < 2) {
    container.append(notice('Comparing needs at least two completed jobs.'));
    return;
  }
  const boxes = jobs.map(j => {
    const f = figures(j) || {};
    const box = h('input', { type: 'checkbox', name: 'ids', value: j.job_id, id: `pick-${j.job_id}`,
      checked: chosen.includes(j.job_id) });
    return h('li', {}, box, ' ', h('label', { for: box.id },
      h('span', { class: 'mono' }, j.job_id), ` · ${j.spec?.test_type} · ${j.spec?.mesh_type}`
      + ` · p99 ${ms(f.p99)} ms · ${num(f.rps)} req/s · ${when(j.created_at)}`));
  });
  const msg = h('p', { class: 'field-error', role: 'alert' });
  const form = h('form', { 'aria-label': 'Jobs to compare' },
    h('fieldset', {}, h('legend', {}, 'Jobs to compare (the first checked is the baseline)'),
      h('ul', { class: 'pick-list', style: 'list-style:none;padding:0;max-height:18rem;overflow:auto;margin:0' }, boxes)),
    msg, h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Compare')));
  // The order of checking is the order of comparison: the first checked is the baseline.
  const order = [...chosen];
  form.addEventListener('change', e => {
    if (e.target.name !== 'ids') return;
    const at = order.indexOf(e.target.value);
    if (e.target.checked && at < 0) order.push(e.target.value);
    if (!e.target.checked && at >= 0) order.splice(at, 1);
  });
  form.addEventListener('submit', e => {
    e.preventDefault();
    const picked = [...form.querySelectorAll('input[name="ids"]:checked')].map(i => i.value);
    const ordered = [...order.filter(id => picked.includes(id)), ...picked.filter(id => !order.includes(id))];
    if (ordered.length < 2) {
      msg.textContent = 'Pick at least two jobs.';
      return;
    }
    location.hash = `#/compare?ids=${ordered.map(encodeURIComponent).join(',')}`;
  });
  container.append(h('details', { open: chosen.length < 2 }, h('summary', {}, 'Choose jobs'), form));
}

async function comparison(container, ids) {
  const c = await get(`/benchmarks/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  const entries = c.jobs || [];
  container.append(h('h2', {}, 'Figures against the first job'));
  for (const n of c.notes || []) container.append(notice(n, 'warn'));
  // Each figure with its delta against the first job on a second line: absolute, then relative.
  const cell = (value, d, abs, rel, format = ms) => h('span', {}, value,
    d ? h('span', { class: 'delta' }, `${signed(abs, format)} (${pct(rel)})`) : null);
  const ci = v => (v ? `${num(v.mean, 2)} ± ${num(v.ci95_half_width, 2)}` : '–');
  const withIterations = entries.some(e => e.iterations);
  container.append(table(null,
    ['Job', 'p50 (ms)', 'p99 (ms)', 'p99.9 (ms)', 'max (ms)', 'Throughput (req/s)', 'Error rate',
      ...(withIterations ? ['p99 mean ± 95 % CI (ms)', 'Throughput mean ± 95 % CI'] : [])],
    entries.map((e, i) => {
      const f = e.figures;
      const d = e.delta_vs_first;
      return [h('span', { class: 'nowrap' }, i === 0 ? h('strong', {}, 'baseline ') : null, jobLink(e.job_id),
        h('span', { class: 'delta' }, `${e.mesh_type} · ${e.test_type}`)),
        cell(ms(f.p50_ms), d, d?.p50_ms, d?.p50_pct), cell(ms(f.p99_ms), d, d?.p99_ms, d?.p99_pct),
        cell(ms(f.p99_9_ms), d, d?.p99_9_ms, d?.p99_9_pct), cell(ms(f.max_ms), d, d?.max_ms, d?.max_pct),
        cell(num(f.throughput_rps), d, d?.throughput_rps, d?.throughput_pct, v => num(v)),
        `${num(100 * f.error_rate, 2)} %`,
        ...(withIterations ? [ci(e.iterations?.p99_ms), ci(e.iterations?.throughput_rps)] : [])];
    }), [1, 2, 3, 4, 5, 6, 7, 8]));
  if (!withIterations) {
    container.append(h('p', { class: 'muted' },
      'Confidence intervals appear for jobs run with Iterations of 2 or more.'));
  }

  container.append(h('h2', {}, 'Percentile spectra (corrected latency)'));
  const el = h('div', { class: 'chart', id: 'compare-chart', role: 'img', 'aria-label': 'Overlaid latency by percentile' });
  container.append(el);
  const spectra = await Promise.all(entries.map(e => get(`/benchmarks/jobs/${encodeURIComponent(e.job_id)}/spectrum`)));
  spectrumChart(el, spectra.map((s, i) => ({ label: `${entries[i].mesh_type} ${entries[i].job_id}`,
    points: s.corrected.points, color: seriesColor(i) })));

  const docs = await Promise.all(entries.map(e => get(`/benchmarks/jobs/${encodeURIComponent(e.job_id)}`)));
  const proxies = docs.map(d => (d.result?.resources?.containers || [])
    .filter(x => x.role === 'proxy'));
  if (proxies.some(p => p.length > 0)) {
    container.append(h('h2', {}, 'Proxy resources (sum over proxy containers)'));
    const sum = (list, key) => list.reduce((a, x) => a + (x[key] || 0), 0);
    container.append(h('div', { class: 'grid2' },
      bars('Proxy CPU, average (millicores)', docs.map((d, i) => [`${entries[i].mesh_type} ${d.job_id}`, sum(proxies[i], 'cpu_millicores_avg')]), 0),
      bars('Proxy memory, average (MiB)', docs.map((d, i) => [`${entries[i].mesh_type} ${d.job_id}`, sum(proxies[i], 'memory_mib_avg')]), 1)));
  }
}

function bars(title, rows, digits) {
  const max = Math.max(...rows.map(r => r[1]), 1e-9);
  return h('figure', { style: 'margin:0' }, h('figcaption', { style: 'font-weight:600' }, title),
    h('div', { class: 'bars' }, rows.map(([label, v], i) => [
      h('span', { class: 'mono' }, label),
      h('div', { class: 'bar', style: `width:${(100 * v) / max}%;background:${seriesColor(i)}`, role: 'presentation' }),
      h('span', { class: 'num' }, num(v, digits))])));
}
