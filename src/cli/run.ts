// Process entry: runs main() with the real effects and sets the exit code.
import { main, processIo } from './main.js';

// A reader that goes away (`unmask ingest … | head`) must not end the work half-done: once a
// stream's pipe is closed, what is written to it is dropped and the command runs to its end.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = () => true;
  });

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `unmask: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
