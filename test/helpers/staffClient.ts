/** A counsellor's console, as the tests need it: signed-in calls to the staff API and its event stream. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** One signed-in call to the staff API: status and parsed JSON body. */
export function staffCall(baseUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined };
  };
}

export interface StaffEvent {
  event: string;
  data: Json;
}

/**
 * Reads the staff event stream (SSE, `/api/staff/events`) into a list until stopped. `ready` resolves once the
 * server said "ready" (the console is subscribed: events from then on are not missed).
 */
export function listenToStaffEvents(baseUrl: string, token: string) {
  const events: StaffEvent[] = [];
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(`${baseUrl}/api/staff/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    if (res.status !== 200 || !res.body) throw new Error(`events: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let readyResolve!: () => void;
    const isReady = new Promise<void>((r) => (readyResolve = r));
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop()!;
          for (const block of blocks) {
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event === 'ready') readyResolve();
            else if (event && data) events.push({ event, data: JSON.parse(data) });
          }
        }
      } catch {
        // aborted by stop()
      }
    })();
    await isReady;
  })();
  return {
    events,
    ready,
    async waitFor(match: (e: StaffEvent) => boolean, timeoutMs = 5000): Promise<StaffEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop: () => controller.abort(),
  };
}
