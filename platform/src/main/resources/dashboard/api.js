// Calls to the meshbench API: same origin, JSON both ways, the bearer token when the server asks.
const TOKEN_KEY = 'meshbench.token';

/** An answer other than 2xx, carrying the API's {error, detail, field?} body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.detail ? body.detail : `HTTP ${status}`);
    this.status = status;
    this.error = body && body.error;
    this.field = body && body.field;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

let asking = null;

/**
 * Asks for the token in the labelled dialog; one prompt at a time, however many calls got a 401.
 * Resolves to the token, or null when the user cancels.
 */
function askToken() {
  if (asking) return asking;
  const dialog = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  const form = document.getElementById('token-form');
  const cancel = document.getElementById('token-cancel');
  // The control that asked gets the focus back, whatever closed the dialog.
  const opener = document.activeElement;
  asking = new Promise(resolve => {
    const done = value => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      asking = null;
      resolve(value);
    };
    const onSubmit = e => {
      e.preventDefault();
      const value = input.value.trim();
      if (!value) return;
      sessionStorage.setItem(TOKEN_KEY, value);
      input.value = '';
      done(value);
    };
    const onCancel = e => { e.preventDefault(); done(null); };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    input.focus();
  });
  return asking;
}

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  return fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
}

/**
 * One API call. On 401 it asks for the token once, keeps it for the browser session and retries;
 * a token that is still refused is forgotten so that the next action asks again.
 */
export async function api(method, path, body) {
  let res = await send(method, path, body);
  if (res.status === 401) {
    const hadToken = token() !== null;
    if (hadToken) sessionStorage.removeItem(TOKEN_KEY);
    const t = await askToken();
    if (t === null) throw new ApiError(401, await bodyOf(res));
    res = await send(method, path, body);
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      await bodyOf(res);
      throw new ApiError(401, { error: 'unauthorized',
        detail: 'The server refused this API token; the next action will ask for it again.' });
    }
  }
  const parsed = await bodyOf(res);
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed;
}

async function bodyOf(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    return { error: 'not_json', detail: text.slice(0, 300) };
  }
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);

let openApi = null;
/** The server's OpenAPI description, read once: the form's choices and limits come from it. */
export function describe() {
  if (!openApi) openApi = get('/openapi.json').catch(() => ({ paths: {} }));
  return openApi;
}

/** schema with its local $ref ("#/components/schemas/X") followed, as often as it takes. */
function resolved(doc, schema) {
  let s = schema || {};
  for (let hops = 0; s.$ref && hops < 8; hops++) {
    const path = s.$ref.replace(/^#\//, '').split('/');
    s = path.reduce((node, key) => (node ? node[key] : undefined), doc) || {};
  }
  return s;
}

/** The JSON body schema of a POST route, $refs followed; {} when the server does not say. */
export async function requestSchema(path) {
  const doc = await describe();
  return resolved(doc, doc.paths?.[path]?.post?.requestBody?.content?.['application/json']?.schema);
}

/** True when the server has a route (another part of the API may not be there yet). */
export async function hasRoute(path) {
  const doc = await describe();
  return Boolean(doc.paths && doc.paths[path]);
}
