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
