// The rejects file: one CSV row per input row that was not loaded, with file, line, field, reason.
import { closeSync, openSync, writeSync } from 'node:fs';

/** One rejected input row. */
export interface RejectRow {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly reason: string;
  readonly raw: string;
}

/** Appends reject rows to a CSV file (created with its header on open). */
export class RejectsFile {
  private fd: number;
  count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, 'file,line,field,reason,raw\n');
  }

  /** Writes one reject row. */
  write(row: RejectRow): void {
    this.count++;
    writeSync(
      this.fd,
      `${csvCell(row.file)},${row.line},${csvCell(row.field)},${csvCell(row.reason)},${csvCell(row.raw)}\n`,
    );
  }

  /** Closes the file. */
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** Returns a CSV cell, quoted when needed; cells starting with = + - @ are prefixed with ' so spreadsheets don't run them. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
