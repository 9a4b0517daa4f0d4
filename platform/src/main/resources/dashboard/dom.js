// Small DOM and formatting helpers shared by the pages. Text goes in as text, never as HTML.

/** h('a', {href: '#/'}, 'text', child…): an element; null/false children are skipped. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ms(v) {
  if (v === null || v === undefined) return '–';
  return num(v, v < 10 ? 3 : v < 100 ? 2 : 1);
}

export function pct(v) {
  if (v === null || v === undefined) return '–';
  return `${v > 0 ? '+' : ''}${num(v, 1)} %`;
}

export function signed(v, format = ms) {
  if (v === null || v === undefined) return '–';
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${format(Math.abs(v))}`;
}

export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function statusBadge(status) {
  return h('span', { class: `status ${status}` }, status || '–');
}

export function jobLink(id) {
  return h('a', { href: `#/jobs/${encodeURIComponent(id)}`, class: 'mono' }, id);
}

/**
 * A job's headline figures from a full document or a listing summary; listings may drop
 * histograms and time series, or flatten the figures to p50_ms/p99_ms.
 */
export function figures(job) {
  const r = job && (job.result || job.summary);
  if (!r) return null;
  const lat = r.latency_ms || {};
  return {
    p50: lat.p50 ?? r.p50_ms ?? null,
    p99: lat.p99 ?? r.p99_ms ?? null,
    rps: r.throughput_rps ?? null,
    requests: r.requests ?? null,
    errors: r.errors ?? null,
  };
}

/** Says text to assistive technology through the page's own live region (it outlives the pages). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A new text node after a tick: screen readers announce a change, not a region that was set.
  setTimeout(() => { region.textContent = text; }, 50);
}

export function notice(text, kind = '') {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function table(caption, head, rows, numeric = []) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, head.map((c, i) =>
        h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, c)))),
      h('tbody', {}, rows.map(r => h('tr', {}, r.map((c, i) =>
        h('td', { class: numeric.includes(i) ? 'num' : null }, c)))))));
}

export function facts(pairs) {
  return h('dl', { class: 'facts' },
    pairs.filter(p => p[1] !== undefined).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v === null ? '–' : v)]));
}

export const TEST_TYPES = ['http', 'http2', 'grpc', 'websocket', 'ml'];
export const MESH_TYPES = ['baseline', 'istio', 'istio-ambient', 'linkerd', 'cilium', 'cilium-l7', 'consul'];
export const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted'];
