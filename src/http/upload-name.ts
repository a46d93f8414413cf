import { basename } from 'node:path';

/**
 * A client's file name made safe to create inside an upload folder: its last segment only,
 * with anything but letters (any script), digits, dot, dash and underscore replaced. A name
 * like `../../etc/passwd` becomes `passwd`; it can never leave the folder.
 */
export function safeUploadName(clientName: string | undefined, fallback: string): string {
  const last = basename((clientName ?? '').replace(/\\/g, '/')).normalize('NFC');
  const cleaned = last.replace(/[^\p{L}\p{N}._-]/gu, '_').replace(/^[.]+/, '').slice(-120);
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}
