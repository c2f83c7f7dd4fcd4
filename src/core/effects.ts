// The effects stages and the pipeline take from their caller: progress display and the clock.

/** Shows progress of long work: a bar on a terminal, plain lines otherwise. */
export interface Progress {
  /** Starts a task of `total` units (bytes, rows …). */
  start(label: string, total: number): void;
  /** Reports `done` units of the current task and a short detail, e.g. '120,000 rows'. */
  update(done: number, detail: string): void;
  /** Ends the current task. */
  stop(): void;
}

/** I/O that the pipeline and the stages do not do themselves. */
export interface Effects {
  readonly progress: Progress;
  /** Current time in epoch ms. */
  now(): number;
}

/** A progress display that shows nothing (tests, --json). */
export const silentProgress: Progress = { start() {}, update() {}, stop() {} };
