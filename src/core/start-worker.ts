// Worker threads for the signals' hot loops, from compiled JS or, in tests, from the TypeScript.
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker on the module `name` next to `from` (an `import.meta.url`): its compiled `.js`,
 * or its `.ts` through tsx's loader when `from` is TypeScript run from source (the tests).
 */
export function startWorker(from: string, name: string, workerData: unknown): Worker {
  const fromSource = from.endsWith('.ts');
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, from);
  if (!fromSource) return new Worker(url, { workerData });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Runs a worker that answers once, `{ ok }` or `{ error }` (see {@link startWorker}), and is
 * terminated after its answer; `label` names it when it exits without one. The promise is marked
 * handled, so a failure while the caller goes on is not unhandled; awaiting it still throws.
 * Aborting `signal` terminates the worker and rejects: a caller that fails while the worker runs
 * stops it rather than waiting for an answer nobody reads (a live worker keeps Node running).
 */
export function workerAnswer<T>(
  from: string,
  name: string,
  workerData: unknown,
  label: string,
  signal?: AbortSignal,
): Promise<T> {
  const worker = startWorker(from, name, workerData);
  const done = new Promise<T>((resolve, reject) => {
    const stop = () => {
      reject(new Error(`${label} stopped`));
      void worker.terminate();
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    const settle = () => signal?.removeEventListener('abort', stop);
    worker.once('message', (m: { ok?: T; error?: string }) => {
      settle();
      if (m.ok) resolve(m.ok);
      else reject(new Error(m.error));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settle();
      reject(error);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`${label} exited (${code})`));
    });
  });
  done.catch(() => undefined);
  return done;
}
