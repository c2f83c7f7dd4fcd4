// The CLI's effects: output streams, progress and clock, passed in so tests can capture them.
import type { Progress } from '../core/index.js';

/** What commands write to and read the time from. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly progress: Progress;
  readonly silentProgress: Progress;
  now(): number;
}
