// Progress on the terminal: a bar when stderr is a TTY, plain lines (every 10% or 5 s) otherwise.
import cliProgress from 'cli-progress';

import type { Progress } from '../core/index.js';

/** Returns the progress display for a stream: a bar for terminals, plain lines for logs and CI. */
export function terminalProgress(
  stream: NodeJS.WriteStream,
  now: () => number = Date.now,
): Progress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream, now);
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(label, total) {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${label} [{bar}] {percentage}% | {detail}`,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0, { detail: '' });
    },
    update(done, detail) {
      bar?.update(done, { detail });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream, now: () => number): Progress {
  let label = '';
  let total = 1;
  let lastShare = -1;
  let lastTime = 0;
  let lastDetail = '';
  return {
    start(l, t) {
      label = l;
      total = Math.max(t, 1);
      lastShare = -1;
      lastTime = now();
      stream.write(`${label}: started\n`);
    },
    update(done, detail) {
      lastDetail = detail;
      const share = Math.floor((done / total) * 10);
      if (share > lastShare || now() - lastTime > 5000) {
        lastShare = share;
        lastTime = now();
        stream.write(`${label}: ${Math.min(100, Math.round((done / total) * 100))}% ${detail}\n`);
      }
    },
    stop() {
      stream.write(`${label}: done ${lastDetail}\n`);
    },
  };
}
