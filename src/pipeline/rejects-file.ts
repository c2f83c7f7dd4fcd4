// The rejects file: one CSV row per input row that was not loaded, with file, line, field, reason.
import { closeSync, openSync, writeSync } from 'node:fs';

import { csvRow } from '../core/index.js';

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
    writeSync(this.fd, csvRow([row.file, row.line, row.field, row.reason, row.raw]));
  }

  /** Closes the file. */
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}
