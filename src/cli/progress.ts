// Progress on the terminal: a bar when stderr is a TTY, plain lines (every 10% or 5 s) otherwise.
// The plain "done" line ends with the stage's wall time and the process's CPU time (user + system,
// every thread, DuckDB's included) over the stage, so a log shows where a run's time went.
import cliProgress from 'cli-progress';

import type { Progress } from '../core/index.js';

/** Returns the progress display for a stream: a bar for terminals, plain lines for logs and CI. */
export function terminalProgress(
  stream: NodeJS.WriteStream,
  now: () => number = Date.now,
  cpuMs: () => number = processCpuMs,
): Progress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream, now, cpuMs);
}

/** Milliseconds of CPU this process has used so far, user and system, all threads. */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** "12.3 s, CPU 20.1 s": a stage's wall and CPU seconds for its done line. */
export function stageTimes(wallMs: number, cpuMs: number): string {
  return `${(wallMs / 1000).toFixed(1)} s, CPU ${(cpuMs / 1000).toFixed(1)} s`;
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

function lineProgress(
  stream: NodeJS.WriteStream,
  now: () => number,
  cpuMs: () => number,
): Progress {
  let label = '';
  let startTime = 0;
  let startCpu = 0;
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
      startTime = lastTime;
      startCpu = cpuMs();
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
      const times = stageTimes(now() - startTime, cpuMs() - startCpu);
      stream.write(`${label}: done ${lastDetail ? `${lastDetail} ` : ''}(${times})\n`);
    },
  };
}
