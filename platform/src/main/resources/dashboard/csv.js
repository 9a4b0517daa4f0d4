// A job as CSV in the browser, for servers without the export route: the figures, then the
// per-second series.

function row(cells) {
  return cells.map(c => {
    const s = c === null || c === undefined ? '' : String(c);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',');
}

export function csvOf(doc) {
  const r = doc.result || {};
  const lines = [row(['job_id', 'test_type', 'mesh_type', 'status', 'requests', 'errors', 'throughput_rps',
    'p50_ms', 'p90_ms', 'p99_ms', 'p99_9_ms', 'max_ms', 'service_p50_ms', 'service_p99_ms'])];
  const l = r.latency_ms || {};
  const s = r.service_time_ms || {};
  lines.push(row([doc.job_id, doc.spec?.test_type, doc.spec?.mesh_type, doc.status, r.requests, r.errors,
    r.throughput_rps, l.p50, l.p90, l.p99, l.p99_9, l.max, s.p50, s.p99]));
  lines.push('');
  lines.push(row(['t_s', 'rps', 'errors', 'p50_ms', 'p99_ms', 'max_ms']));
  for (const t of r.timeseries || []) lines.push(row([t.t_s, t.rps, t.errors, t.p50_ms, t.p99_ms, t.max_ms]));
  return lines.join('\n') + '\n';
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
