// Cluster: meshes detected, versions and readiness from /kubernetes/*; a clear notice when the
// server runs without a cluster (those routes answer 503 {error, detail}).
import { get } from '../api.js';
import { h, notice, table } from '../dom.js';

export async function cluster({ container, params }) {
  container.append(h('h1', {}, 'Cluster'));
  let meshes;
  try {
    meshes = await get('/kubernetes/meshes');
  } catch (e) {
    if (e.status === 503 || e.status === 404) {
      container.append(h('div', { class: 'notice warn', role: 'status', id: 'no-cluster' },
        h('strong', {}, 'No Kubernetes cluster. '), e.message,
        h('p', {}, 'Local benchmarks still run: the local executor drives the built-in target or a Service URL.')));
      return;
    }
    throw e;
  }
  const list = Array.isArray(meshes) ? meshes : meshes.meshes || [];
  container.append(h('h2', {}, 'Meshes'));
  const yes = v => (v === true ? 'yes' : v === false ? 'no' : '–');
  container.append(table(null, ['Mesh type', 'Installed', 'Version', 'Ready', 'Detail'],
    list.map(m => {
      const ready = m.ready ?? m.control_plane_ready;
      return [m.mesh_type, yes(m.installed), m.version || '–',
        h('span', { class: ready ? 'good' : m.installed ? 'bad' : 'muted' }, yes(ready)), m.detail || ''];
    })));

  const [nodes, namespaces] = await Promise.all([
    get('/kubernetes/nodes').catch(e => ({ failed: e.message })),
    get('/kubernetes/namespaces').catch(e => ({ failed: e.message })),
  ]);
  const items = v => (Array.isArray(v) ? v : v.nodes || v.namespaces || v.items || []);
  container.append(h('h2', {}, 'Nodes'));
  if (nodes.failed) container.append(notice(nodes.failed, 'warn'));
  else {
    container.append(table(null, ['Name', 'Roles', 'Ready', 'Kubelet', 'CPU (millicores)', 'Memory (MiB)'],
      items(nodes).map(n => (typeof n === 'string' ? [n, '–', '–', '–', '–', '–']
        : [n.name, (n.roles || []).join(', ') || '–', yes(n.ready), n.kubelet_version || '–',
          n.capacity?.cpu_millicores ?? '–', n.capacity?.memory_mib ?? '–'])), [4, 5]));
  }

  container.append(h('h2', {}, 'Mesh status of a namespace'));
  if (namespaces.failed) {
    container.append(notice(namespaces.failed, 'warn'));
    return;
  }
  const names = items(namespaces).map(n => (typeof n === 'string' ? n : n.name));
  const chosen = params.get('namespace') || names[0] || 'default';
  const select = h('select', { id: 'cl-namespace' }, names.map(n => h('option', { value: n, selected: n === chosen }, n)));
  select.addEventListener('change', () => { location.hash = `#/cluster?namespace=${encodeURIComponent(select.value)}`; });
  container.append(h('div', { class: 'field', style: 'max-width:20rem' }, h('label', { for: 'cl-namespace' }, 'Namespace'), select));
  try {
    const status = await get(`/kubernetes/mesh-status/${encodeURIComponent(chosen)}`);
    container.append(table(null, ['Field', 'Value'], Object.entries(status).map(([k, v]) =>
      [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)])));
  } catch (e) {
    container.append(notice(e.message, 'warn'));
  }
}
