import { describe, expect, it } from 'vitest';
import { safeUploadName } from './upload-name.js';

describe('safeUploadName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['/abs/leads.csv', 'leads.csv'],
    ['..', 'upload.csv'],
    ['...', 'upload.csv'],
    ['', 'upload.csv'],
    [undefined, 'upload.csv'],
    ['عملاء محتملون.csv', 'عملاء_محتملون.csv'],
    ['a\u0000b.csv', 'a_b.csv'],
    ['.hidden.csv', 'hidden.csv'],
  ])('%j → %j', (given, expected) => {
    expect(safeUploadName(given, 'upload.csv')).toBe(expected);
  });
});
