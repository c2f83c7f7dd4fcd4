import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { stageTimes, terminalProgress } from './progress.js';

/** A non-TTY stream that keeps what is written to it. */
function captured(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream: sink as unknown as NodeJS.WriteStream,
    lines: () => chunks.join('').trimEnd().split('\n'),
  };
}

describe('line progress', () => {
  it("ends a stage with its detail, wall time and the process's CPU time over it", () => {
    const { stream, lines } = captured();
    let clock = 1_000;
    let cpu = 500;
    const progress = terminalProgress(
      stream,
      () => clock,
      () => cpu,
    );
    progress.start('signal co-share:url', 10);
    clock += 12_340;
    cpu += 20_060;
    progress.update(10, '42 edges');
    progress.stop();
    expect(lines()).toEqual([
      'signal co-share:url: started',
      'signal co-share:url: 100% 42 edges',
      'signal co-share:url: done 42 edges (12.3 s, CPU 20.1 s)',
    ]);
  });

  it('times each stage from its own start', () => {
    const { stream, lines } = captured();
    let clock = 0;
    const progress = terminalProgress(
      stream,
      () => clock,
      () => 0,
    );
    progress.start('a', 1);
    clock = 5_000;
    progress.stop();
    progress.start('b', 1);
    clock = 7_000;
    progress.stop();
    expect(lines().filter((line) => line.includes('done'))).toEqual([
      'a: done (5.0 s, CPU 0.0 s)',
      'b: done (2.0 s, CPU 0.0 s)',
    ]);
  });
});

describe('stageTimes', () => {
  it('rounds to tenths of a second', () => {
    expect(stageTimes(149_049, 435_460)).toBe('149.0 s, CPU 435.5 s');
  });
});
