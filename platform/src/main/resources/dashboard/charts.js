// Charts on uPlot (served from its webjar): canvas drawing that keeps up with a 1-hour run's
// per-second series (3,600 points) and with live appends once a second.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function seriesColor(i) {
  return css(`--series-${(i % 6) + 1}`);
}

function axis(extra) {
  return { stroke: css('--fg'), grid: { stroke: css('--line'), width: 1 },
    ticks: { stroke: css('--line'), width: 1 }, ...extra };
}

function widthOf(el) {
  return Math.max(320, Math.floor(el.clientWidth || el.parentElement?.clientWidth || 640));
}

/** Keeps a chart as wide as its container, until the chart is replaced or leaves the page. */
function fit(u, el) {
  const ro = new ResizeObserver(() => {
    if (!el.isConnected || el.chart !== u) {
      ro.disconnect();
      return;
    }
    const w = widthOf(el);
    if (Math.abs(w - u.width) > 2) u.setSize({ width: w, height: u.height });
  });
  ro.observe(el);
}

/**
 * Draws a chart into el. draw() builds the options (their colours come from the page's scheme)
 * and is kept as el.redraw, so that a switch between light and dark redraws the charts alone.
 */
function mount(el, draw, data) {
  if (el.chart) el.chart.destroy();
  el.replaceChildren();
  const u = new uPlot({ width: widthOf(el), height: 300, ...draw() }, data, el);
  el.chart = u; // the drawn data, for readers of the page (and its tests)
  el.redraw = () => mount(el, draw, data);
  fit(u, el);
  return u;
}

/** Redraws every chart below root in the current colour scheme; nothing else on the page changes. */
export function redrawCharts(root) {
  for (const el of root.querySelectorAll('.chart')) {
    if (el.redraw && el.chart) el.redraw();
  }
}

/** The percentile for x = log10(1/(1-p)), as a label: 0 → 0%, 1 → 90%, 2 → 99%, 3 → 99.9%. */
export function percentileLabel(x) {
  const p = 100 * (1 - Math.pow(10, -x));
  if (x < 1) return `${Math.round(p)}%`;
  const decimals = Math.max(0, Math.round(x) - 2);
  return `${p.toFixed(decimals)}%`;
}

/**
 * Latency against percentile, x = log10(1/(1-p)) as HdrHistogram plots it; one line per curve.
 * curves: [{label, points: [{x, value_ms}]}]. The element records the points drawn per curve
 * (data-points) so that a reader or a test can check them against the data.
 */
export function spectrumChart(el, curves) {
  const drawn = curves.filter(c => c.points && c.points.length > 0);
  if (drawn.length === 0) {
    el.replaceChildren(document.createTextNode('No latency values were recorded.'));
    return null;
  }
  const tables = drawn.map(c => [c.points.map(p => p.x), c.points.map(p => p.value_ms)]);
  const data = drawn.length === 1 ? tables[0] : uPlot.join(tables);
  const maxX = Math.max(...drawn.map(c => c.points[c.points.length - 1].x));
  el.dataset.points = drawn.map(c => c.points.length).join(',');
  el.dataset.series = drawn.map(c => c.label).join(',');
  return mount(el, () => ({
    scales: { x: { time: false, range: [0, Math.max(1, Math.ceil(maxX))] }, y: { range: (u, min, max) => [0, max * 1.05 || 1] } },
    axes: [
      axis({ label: 'Percentile', splits: u => {
        const out = [];
        for (let i = 0; i <= Math.ceil(u.scales.x.max); i++) out.push(i);
        return out;
      }, values: (u, splits) => splits.map(percentileLabel) }),
      axis({ label: 'Latency (ms)', size: 60 }),
    ],
    series: [
      { label: 'Percentile', value: (u, v) => (v === null ? '–' : percentileLabel(v)) },
      ...drawn.map((c, i) => ({ label: c.label, stroke: c.color || seriesColor(i), width: 2, spanGaps: true,
        value: (u, v) => (v === null ? '–' : `${v.toFixed(3)} ms`) })),
    ],
  }), data);
}

/**
 * A per-second series over t_s: rows [{t_s, …}], lines [{key, label, scale: 'ms' | 'rps' | 'n'}].
 * A missing or null figure (the percentiles of a second in which nothing succeeded) is a gap in
 * its line, never a 0, and reads '–' in the legend. Returns {push(row)} for live appends.
 */
export function timeChart(el, rows, lines, title) {
  const xs = rows.map(r => r.t_s);
  const data = [xs, ...lines.map(l => rows.map(r => r[l.key] ?? null))];
  const scales = [...new Set(lines.map(l => l.scale))];
  const unit = { ms: 'ms', rps: 'req/s', n: 'count' };
  mount(el, () => ({
    title,
    scales: { x: { time: false } },
    axes: [axis({ label: 'Seconds', incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600] }),
      ...scales.map((s, i) => axis({ scale: s, label: unit[s], side: i === 0 ? 3 : 1, size: 60,
        grid: i === 0 ? { stroke: css('--line'), width: 1 } : { show: false } }))],
    series: [{ label: 'Second', value: (u, v) => (v === null || v === undefined ? '–' : `${v} s`) },
      ...lines.map((l, i) => ({ label: l.label, scale: l.scale, stroke: seriesColor(i), width: 2, spanGaps: false,
        value: (u, v) => (v === null || v === undefined ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: 3 })) }))],
  }), data);
  el.dataset.points = String(xs.length);
  return {
    get chart() {
      return el.chart;
    },
    push(row) {
      data[0].push(row.t_s);
      lines.forEach((l, i) => data[i + 1].push(row[l.key] ?? null));
      el.chart.setData(data);
      el.dataset.points = String(data[0].length);
    },
  };
}

/** p99 and throughput of jobs over their creation time (epoch seconds). */
export function trendChart(el, points) {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const data = [sorted.map(p => p.t), sorted.map(p => p.p99), sorted.map(p => p.rps)];
  el.dataset.points = String(sorted.length);
  // One job (or several within a minute) would stretch uPlot's time axis over years: show an hour.
  const span = sorted.length ? sorted[sorted.length - 1].t - sorted[0].t : 0;
  const hour = sorted.length && span < 60 ? [sorted[0].t - 1800, sorted[0].t + span + 1800] : null;
  return mount(el, () => ({
    scales: { x: hour ? { time: true, range: hour } : { time: true } },
    axes: [axis({}), axis({ scale: 'ms', label: 'p99 (ms)', size: 60 }),
      axis({ scale: 'rps', label: 'req/s', side: 1, size: 70, grid: { show: false } })],
    series: [{},
      { label: 'p99 (ms)', scale: 'ms', stroke: seriesColor(0), width: 2, points: { show: true, size: 6 } },
      { label: 'Throughput (req/s)', scale: 'rps', stroke: seriesColor(1), width: 2, points: { show: true, size: 6 } }],
  }), data);
}
