// Follows one job's Server-Sent Events (EventSource sends Accept: text/event-stream).
// The stream ends with one 'status' event; leaving the page (signal) closes it.

/** handlers: {progress(event), status(event)}; returns the EventSource. */
export function follow(jobId, signal, handlers) {
  const source = new EventSource(`/benchmarks/jobs/${encodeURIComponent(jobId)}/events`);
  let ended = false;
  source.addEventListener('progress', e => handlers.progress && handlers.progress(JSON.parse(e.data)));
  source.addEventListener('status', e => {
    ended = true;
    source.close();
    handlers.status && handlers.status(JSON.parse(e.data));
  });
  source.addEventListener('error', e => {
    // A named 'error' event from the server carries a body; a connection error does not.
    if (e.data) {
      ended = true;
      source.close();
      handlers.failed && handlers.failed(JSON.parse(e.data));
    } else if (!ended && source.readyState === EventSource.CLOSED) {
      handlers.failed && handlers.failed({ detail: 'the event stream closed' });
    }
  });
  if (signal) signal.addEventListener('abort', () => source.close());
  return source;
}
