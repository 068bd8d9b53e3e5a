export interface MetricChangedEvent {
  readonly metric: string;
  readonly scope: string;
  readonly period: string;
  readonly causedBy: { readonly eventId: string; readonly streamId: string; readonly revision: number };
  readonly alsoCausedBy?: ReadonlyArray<{ readonly eventId: string; readonly streamId: string; readonly revision: number }>;
}

/** Follows a Server-Sent Events stream of MetricChanged, calling back the moment each arrives. */
export const listenToChanges = async (url: string, onChange: (change: MetricChangedEvent) => void) => {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`GET ${url} answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const reading = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // Walk the buffer by index and cut it once: slicing per event is quadratic on a busy stream.
      let start = 0;
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n', start)) {
        const block = buffer.slice(start, cut);
        start = cut + 2;
        const data = block.split('\n').find((line) => line.startsWith('data:'));
        if (data) onChange(JSON.parse(data.slice(5)) as MetricChangedEvent);
      }
      buffer = buffer.slice(start);
    }
  })().catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return {
    close: async (): Promise<void> => {
      controller.abort();
      await reading;
    },
  };
};
