// The dashboard's router: hash URLs (#/jobs/ID, #/compare?ids=a,b …) so that every page has its
// own address, deep links work without server routes, and Back goes to the previous page.
import { get } from './api.js';
import { h, notice } from './dom.js';
import { redrawCharts } from './charts.js';
import { overview } from './pages/overview.js';
import { newBenchmark } from './pages/new.js';
import { jobView } from './pages/job.js';
import { compare } from './pages/compare.js';
import { history } from './pages/history.js';
import { cluster } from './pages/cluster.js';

const main = document.getElementById('main');

const pages = [
  { pattern: /^\/$/, nav: '#/', title: 'Overview', render: () => overview },
  { pattern: /^\/new$/, nav: '#/new', title: 'New benchmark', render: () => newBenchmark },
  { pattern: /^\/jobs\/([^/]+)$/, nav: null, title: 'Job', render: () => jobView },
  { pattern: /^\/compare$/, nav: '#/compare', title: 'Compare', render: () => compare },
  { pattern: /^\/history$/, nav: '#/history', title: 'History', render: () => history },
  { pattern: /^\/cluster$/, nav: '#/cluster', title: 'Cluster', render: () => cluster },
];

// Each page gets an AbortController: leaving a page closes its event streams and timers.
let leaving = null;

function parse() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query] = raw.split('?');
  return { path, params: new URLSearchParams(query || '') };
}

async function route() {
  if (leaving) leaving.abort();
  leaving = new AbortController();
  const signal = leaving.signal;
  const { path, params } = parse();
  const page = pages.find(p => p.pattern.test(path));
  for (const a of document.querySelectorAll('nav a')) {
    if (page && a.getAttribute('href') === page.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const container = h('div', {});
  main.replaceChildren(container);
  if (!page) {
    document.title = 'Not found · meshbench';
    container.append(h('h1', {}, 'Not found'), notice(`No page at #${path}.`, 'error'));
    return;
  }
  const match = path.match(page.pattern);
  document.title = `${page.title} · meshbench`;
  try {
    await page.render()({ container, params, id: match[1] && decodeURIComponent(match[1]), signal });
  } catch (e) {
    if (signal.aborted) return;
    container.append(notice(`Could not load this page: ${e.message}`, 'error'));
  }
  const heading = container.querySelector('h1');
  if (heading && heading.textContent) document.title = `${heading.textContent} · meshbench`;
  main.focus({ preventScroll: true });
}

async function health() {
  const el = document.getElementById('health');
  try {
    const res = await fetch('/health', { headers: { Accept: 'application/json' } });
    const body = await res.json();
    el.className = `health ${body.status === 'healthy' ? '' : 'degraded'}`;
    const store = body.store && typeof body.store === 'object'
      ? (body.store.kind || body.store.type || 'store') : body.store;
    el.textContent = `${body.status}${body.reason ? ` (${body.reason})` : ''} · executor ${body.executor}`
      + ` · store ${store} · ${body.active_jobs} active · v${body.version}`;
  } catch (e) {
    el.className = 'health degraded';
    el.textContent = 'server unreachable';
  }
}

window.addEventListener('hashchange', () => { route(); health(); });
// Charts are drawn on canvas in the scheme's colours: a switch to dark (or light) redraws them,
// and only them (what a form holds stays).
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => redrawCharts(main));
route();
health();
setInterval(health, 10000);
