// setImmediate/clearImmediate for the web worker. The server yields with setImmediate so that queued
// messages (a didChange, a $/cancelRequest) are handled before it analyses (server-common.ts,
// requests.ts); browsers have no setImmediate. A MessageChannel message is the browser's equivalent: a
// task after the ones already queued, without the ≥1 ms clamping of nested setTimeout(0).

type Callback = (...args: unknown[]) => void;

export function installImmediate(): void {
  const global = globalThis as unknown as { setImmediate?: unknown; clearImmediate?: unknown };
  if (typeof global.setImmediate === 'function') return; // Node (the worker test) has it
  const pending = new Map<number, () => void>();
  let next = 1;
  const channel = new MessageChannel();
  // Typed by hand: the server's tsconfig knows Node's MessagePort, not the DOM's.
  const port = channel.port1 as unknown as { onmessage: ((event: { data: number }) => void) | null };
  port.onmessage = (event) => {
    const run = pending.get(event.data);
    pending.delete(event.data);
    run?.();
  };
  global.setImmediate = (callback: Callback, ...args: unknown[]) => {
    const id = next++;
    pending.set(id, () => callback(...args));
    channel.port2.postMessage(id);
    return id;
  };
  global.clearImmediate = (id: number) => {
    pending.delete(id);
  };
}
