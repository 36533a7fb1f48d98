// Shared plumbing for the language server's request handlers: cancellation and failure containment.
// The server is single-threaded, so a `$/cancelRequest` is only seen when a handler gives the event loop
// a turn; long handlers call `checkpoint` between steps. `guardRequest` wraps a handler so that a
// cancelled request is answered with RequestCancelled (as LSP asks) and any other failure is logged
// and answered with the handler's empty answer instead of an error: an editor never sees a crash.
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** Thrown by `throwIfCancelled`; `guardRequest` turns it into the RequestCancelled answer. */
export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw cancelledError();
}

/** Gives queued messages (a `$/cancelRequest`, a `didChange`) a turn, then stops if cancelled. */
export async function checkpoint(token: CancellationToken | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(token);
}

/**
 * Wraps a request handler: it is not started for an already cancelled request; RequestCancelled
 * answers a cancelled one; any other error is reported through `onError` and answered with `fallback`
 * (an empty list, null …), which is also what a request for an unknown document should get.
 */
export function guardRequest<P, R>(
  name: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
  onError: (message: string, error: unknown) => void,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      throwIfCancelled(token);
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) throw error;
      if (token?.isCancellationRequested) throw cancelledError();
      onError(`govreport: ${name} failed`, error);
      return fallback;
    }
  };
}
