// Which files in a folder or archive are not exports: skipped and listed instead of read.

// e.g. README.md, LICENSE, CHANGELOG.txt, NOTICE
const DOCUMENTATION =
  /^(readme|licen[cs]e|changelog|changes|notice|copying|authors|contributing)([._-].*)?$/i;

const NOT_DATA_EXTENSIONS: Readonly<Record<string, string>> = {
  ...byExtension('documentation', 'md markdown rst pdf doc docx odt rtf html htm epub'),
  ...byExtension('image', 'png jpg jpeg gif webp bmp tif tiff svg ico heic avif'),
  ...byExtension('audio or video', 'mp3 wav ogg m4a mp4 mov avi mkv webm'),
  ...byExtension('code', 'py r ipynb sh js ts rb sql'),
  ...byExtension('spreadsheet (export it as CSV)', 'xls xlsx ods numbers'),
  ...byExtension('checksum or signature', 'md5 sha1 sha256 sha512 sig asc'),
  ...byExtension('unmask case file', 'duckdb wal'),
};

// Extensions of the files ingest reads, once .gz/.zst is taken off: an unrecognized one is an error.
const DATA_EXTENSIONS = new Set(['csv', 'tsv', 'json', 'jsonl', 'ndjson', 'parquet']);

/**
 * Returns why a file found in a folder or archive is not an export (e.g. 'documentation',
 * 'hidden file'), or null when it may be one. Files named on the command line are never skipped.
 */
export function notDataReason(path: string): string | null {
  const segments = path.split(/[\\/]/);
  const name = segments.at(-1) ?? '';
  if (segments.includes('__MACOSX')) return 'macOS archive metadata';
  if (name.startsWith('.')) return 'hidden file';
  if (/^(thumbs\.db|desktop\.ini)$/i.test(name)) return 'system file';
  if (/\.rejects\.csv$/i.test(name)) return 'unmask rejects file';
  if (name === 'scenario.json') return 'simulator scenario';
  if (name === 'image-truth.csv') return 'simulator image truth';
  if (DOCUMENTATION.test(name)) return 'documentation';
  return NOT_DATA_EXTENSIONS[extensionOf(name)] ?? null;
}

/** True when a file's name says it is meant to be data (.csv, .json … also under .gz/.zst/.zip). */
export function looksLikeData(path: string): boolean {
  return DATA_EXTENSIONS.has(
    extensionOf(
      dataName(path)
        .split(/[\\/!]/)
        .at(-1) ?? '',
    ),
  );
}

/** The name of an input without its compression suffix: 'tweets.csv.gz' → 'tweets.csv'. */
export function dataName(name: string): string {
  return name.replace(/\.(gz|zst|zstd)$/i, '');
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function byExtension(reason: string, list: string): Record<string, string> {
  return Object.fromEntries(list.split(' ').map((ext) => [ext, reason]));
}
