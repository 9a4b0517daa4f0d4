// New benchmark: one control per start field, labelled in the API's words. The API is the judge
// of every value (the form does not pre-validate: novalidate), and its {error, detail, field}
// answer is shown next to the control of the field it names.
import { post, get, requestSchema } from '../api.js';
import { h, notice, jobLink, TEST_TYPES, MESH_TYPES } from '../dom.js';

// field → label, in the API's words; the order of the form.
const NUMBERS = [
  ['duration', 'Duration', 'seconds measured, after the warm-up'],
  ['warmup', 'Warm-up', 'seconds sent but not recorded'],
  ['rate', 'Rate', 'requests per second in total; 0 = closed model (as fast as possible)'],
  ['concurrent_connections', 'Connections', 'connections kept open to the target'],
  ['workers', 'Workers', 'load-generator pods (cluster runs); 1 locally'],
  ['iterations', 'Iterations', 'repeats of the run, for confidence intervals'],
  ['payload_bytes', 'Payload bytes', 'request body size'],
];

export async function newBenchmark({ container }) {
  container.append(h('h1', {}, 'New benchmark'));
  const schema = await requestSchema('/benchmarks/start');
  const props = schema.properties || {};
  const health = await get('/health').catch(() => ({}));
  const matrix = Boolean(props.mesh_types) && health.kubernetes_connected === true;

  const errors = {};
  const field = (name, label, control, hint) => {
    const hintId = hint ? `h-${name}` : null;
    const err = h('p', { class: 'field-error', id: `e-${name}`, hidden: true });
    errors[name] = err;
    control.setAttribute('aria-describedby', [hintId, `e-${name}`].filter(Boolean).join(' '));
    return h('div', { class: 'field', 'data-field': name },
      h('label', { for: control.id }, label), control,
      hint ? h('p', { class: 'hint', id: hintId }, hint) : null, err);
  };

  const testType = h('select', { id: 'f-test_type', name: 'test_type' },
    (props.test_type?.enum || TEST_TYPES).filter(t => t !== null).map(t =>
      h('option', { value: t, selected: t === (props.test_type?.default || 'http') }, t)));

  const meshes = (props.mesh_type?.enum || MESH_TYPES).filter(m => m !== null);
  const meshErr = h('p', { class: 'field-error', id: 'e-mesh_type', hidden: true });
  errors.mesh_type = meshErr;
  errors.mesh_types = meshErr;
  const meshHint = matrix
    ? 'Several meshes run as one mesh matrix on the cluster, interleaved.'
    : 'Several meshes queue one job each, in order. Meshes other than baseline need a cluster.';
  const meshSet = h('fieldset', { id: 'f-mesh_type', 'aria-describedby': 'h-mesh_type e-mesh_type', 'data-field': 'mesh_type' },
    h('legend', {}, 'Mesh type'),
    h('div', { class: 'choices' }, meshes.map(m => h('label', {},
      h('input', { type: 'checkbox', name: 'mesh_type', value: m, checked: m === 'baseline' }), ' ', m))),
    h('p', { class: 'hint', id: 'h-mesh_type' }, meshHint), meshErr);

  const namespace = h('input', { id: 'f-namespace', name: 'namespace', type: 'text',
    value: props.namespace?.default || 'default', autocomplete: 'off', spellcheck: 'false' });
  const sidecarModes = (props.sidecar_mode?.enum || ['both', 'server', 'client']).filter(m => m !== null);
  const sidecarMode = h('select', { id: 'f-sidecar_mode', name: 'sidecar_mode' },
    sidecarModes.map(m => h('option', { value: m, selected: m === (props.sidecar_mode?.default || 'both') }, m)));
  const numbers = NUMBERS.map(([name, label, hint]) => {
    const p = props[name] || {};
    const input = h('input', { id: `f-${name}`, name, type: 'text', inputmode: 'decimal',
      value: p.default !== undefined ? String(p.default) : '', autocomplete: 'off' });
    const range = p.minimum !== undefined
      ? ` (${p.minimum}${p.maximum !== undefined ? `–${p.maximum}` : ' or more'})` : '';
    return field(name, label, input, hint + range);
  });
  const serviceUrl = h('input', { id: 'f-service_url', name: 'service_url', type: 'text',
    placeholder: 'empty = the built-in target', autocomplete: 'off', spellcheck: 'false' });
  const labels = h('input', { id: 'f-labels', name: 'labels', type: 'text', placeholder: 'team=edge, build=42',
    autocomplete: 'off' });

  const top = h('div', { class: 'field wide', 'aria-live': 'polite' });
  const startButton = h('button', { type: 'submit' }, 'Start');
  const form = h('form', { class: 'bench', novalidate: true, 'aria-label': 'New benchmark' },
    field('test_type', 'Test type', testType),
    h('div', { class: 'field wide' }, meshSet),
    field('namespace', 'Namespace', namespace, 'Kubernetes namespace of the workload (cluster runs)'),
    field('sidecar_mode', 'Sidecar mode', sidecarMode,
      'sidecar meshes on a cluster: proxies on both sides, only the target (server) or only the load generators (client)'),
    numbers.slice(0, 4),
    field('service_url', 'Service URL', serviceUrl, 'http://, https://, ws://, wss:// or grpc:// URL'),
    numbers.slice(4),
    field('labels', 'Labels', labels, 'name=value pairs, comma-separated'),
    top,
    h('div', { class: 'actions' }, startButton));
  container.append(form);

  const clearErrors = () => {
    for (const el of Object.values(errors)) { el.hidden = true; el.textContent = ''; }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    top.replaceChildren();
  };

  const showError = e => {
    const target = e.field && errors[e.field];
    if (target) {
      target.textContent = e.message;
      target.hidden = false;
      const control = form.querySelector(`#f-${e.field}`) || meshSet;
      control.setAttribute('aria-invalid', 'true');
      (control.matches('fieldset') ? control.querySelector('input') : control).focus();
    } else {
      top.replaceChildren(notice(e.field ? `${e.field}: ${e.message}` : e.message, 'error'));
    }
  };

  // Busy, not disabled: a disabled button drops the focus, and the token dialog returns it here.
  let busy = false;
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (busy) return;
    clearErrors();
    const chosen = [...form.querySelectorAll('input[name="mesh_type"]:checked')].map(i => i.value);
    if (chosen.length === 0) {
      showError({ field: 'mesh_type', message: 'choose at least one mesh' });
      return;
    }
    let body;
    try {
      body = bodyOf(form, labels.value);
    } catch (e) {
      showError(e);
      return;
    }
    busy = true;
    startButton.setAttribute('aria-disabled', 'true');
    const started = [];
    let asMatrix = false;
    try {
      let queued = false;
      if (chosen.length === 1) {
        const reply = await post('/benchmarks/start', { ...body, mesh_type: chosen[0] });
        started.push(reply.job_id);
        queued = true;
      } else if (matrix) {
        try {
          const reply = await post('/benchmarks/start', { ...body, mesh_types: chosen });
          started.push(...(reply.job_ids || [reply.job_id]));
          queued = true;
          asMatrix = true;
        } catch (e) {
          // A server whose executor cannot run a matrix says so on mesh_types: queue one job each.
          if (!(e.status === 422 && e.field === 'mesh_types')) throw e;
        }
      }
      if (!queued) {
        for (const mesh of chosen) {
          const reply = await post('/benchmarks/start', { ...body, mesh_type: mesh });
          started.push(reply.job_id);
        }
      }
    } catch (e) {
      showError(e);
    } finally {
      busy = false;
      startButton.removeAttribute('aria-disabled');
    }
    // One job to follow: a single mesh, or a matrix the server runs as one job.
    if (started.length === 1 && (chosen.length === 1 || asMatrix)) {
      location.hash = `#/jobs/${encodeURIComponent(started[0])}`;
    } else if (started.length > 0) {
      top.append(h('div', { class: 'notice', role: 'status' }, `Queued ${started.length} job(s): `,
        started.map((id, i) => [i ? ', ' : '', jobLink(id)]),
        started.length > 1 ? [' · ', h('a', { href: `#/compare?ids=${started.join(',')}` }, 'compare them when done')] : null));
    }
  });
}

/** The start request from the form: empty numbers are left to the server's defaults. */
function bodyOf(form, labelsText) {
  const body = {};
  body.test_type = form.querySelector('#f-test_type').value;
  const ns = form.querySelector('#f-namespace').value.trim();
  if (ns) body.namespace = ns;
  body.sidecar_mode = form.querySelector('#f-sidecar_mode').value;
  for (const [name] of NUMBERS) {
    const input = form.querySelector(`#f-${name}`);
    if (!input) continue;
    const raw = input.value.trim();
    if (raw === '') continue;
    // Not-a-number goes to the API as text, which names the field and its range in its answer.
    body[name] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  const url = form.querySelector('#f-service_url').value.trim();
  if (url) body.service_url = url;
  if (labelsText.trim()) {
    body.labels = {};
    for (const pair of labelsText.split(',')) {
      if (!pair.trim()) continue;
      const at = pair.indexOf('=');
      if (at <= 0) {
        throw { field: 'labels', message: `labels: '${pair.trim()}' is not name=value` };
      }
      body.labels[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
  }
  return body;
}
