/** The encodings Tandem reads. `latin1` is read as Windows-1252, its superset (as browsers do). */
export const ENCODINGS = ['utf-8', 'windows-1252', 'latin1', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface DetectedEncoding {
  readonly encoding: Exclude<Encoding, 'latin1'>;
  /** Why this encoding was chosen when it was not plain UTF-8 (said to the user as a warning). */
  readonly note: string | null;
}

/** The name TextDecoder knows the encoding by. */
export function decoderLabel(encoding: Encoding): string {
  return encoding === 'latin1' ? 'windows-1252' : encoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Guesses the encoding of a file from its first bytes.
 *
 * - A UTF-16 byte-order mark means UTF-16 (Excel's "Unicode text").
 * - Text that is valid UTF-8 is UTF-8.
 * - Otherwise each line with bytes over 0x7F is checked: when at least two lines are not UTF-8
 *   and (almost) no line holds a valid UTF-8 multi-byte sequence, the file is a single-byte
 *   export, read as Windows-1252 (which covers Latin-1). A UTF-8 file with a few broken rows
 *   stays UTF-8 and those rows are rejected, each with a reason that names `--encoding`.
 */
export function detectEncoding(sample: Uint8Array, sampleIsWholeFile: boolean): DetectedEncoding {
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', note: null };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', note: null };
  // A sample cut mid-file may end inside a multi-byte character: judge only complete lines.
  let end = sample.length;
  if (!sampleIsWholeFile) {
    const lastNl = sample.lastIndexOf(0x0a);
    if (lastNl > 0) end = lastNl + 1;
  }
  const body = sample.subarray(0, end);
  if (isUtf8(body)) return { encoding: 'utf-8', note: null };
  let brokenLines = 0;
  let utf8Lines = 0;
  let start = 0;
  while (start < body.length) {
    let nl = body.indexOf(0x0a, start);
    if (nl === -1) nl = body.length;
    const line = body.subarray(start, nl);
    if (line.some((b) => b > 0x7f)) {
      if (isUtf8(line)) utf8Lines++;
      else brokenLines++;
    }
    start = nl + 1;
  }
  if (brokenLines >= 2 && utf8Lines * 10 <= brokenLines) {
    return {
      encoding: 'windows-1252',
      note: `not UTF-8 (${brokenLines} of the first lines are not), so it was read as Windows-1252/Latin-1; pass --encoding to say otherwise`,
    };
  }
  return { encoding: 'utf-8', note: null };
}
