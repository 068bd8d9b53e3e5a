/** Reads a Server-Sent Events stream over fetch and collects its events until stopped. */
export const sseClient = (url: string, headers: Record<string, string> = {}) => {
  const controller = new AbortController();
  const events: Array<{ id?: string; event?: string; data: any }> = [];
  let resolveOpen!: () => void;
  const opened = new Promise<void>((resolve) => (resolveOpen = resolve));
  const done = (async () => {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    resolveOpen();
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
        }
        if (fields.data !== undefined) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
      }
    }
  })().catch((error) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return {
    events,
    opened,
    /** Settles when the stream ends: the server ended it, or `close`. */
    ended: done,
    /** Waits until an event matches, or fails after the timeout. */
    waitFor: async (match: (data: any) => boolean, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((e) => match(e.data));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms (saw ${events.length})`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      controller.abort();
      await done;
    },
  };
};
