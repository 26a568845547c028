import { describe, expect, it } from 'vitest';
import { safeFileName, sniffAttachmentType } from './attachments.ts';
import { PDF_TINY, PNG_1x1 } from './referral.fixtures.ts';
const JPEG_HEAD = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
]);

describe('sniffAttachmentType (by content, never by name)', () => {
  it.each([
    ['a PDF', PDF_TINY, 'application/pdf'],
    ['a PNG', PNG_1x1, 'image/png'],
    ['a JPEG', JPEG_HEAD, 'image/jpeg'],
    ['plain text', Buffer.from('Discharge summary\r\nBuprenorphine 8 mg started in the ED.\n\tFollow-up in 3 days.\f'), 'text/plain'],
    ['UTF-8 text', Buffer.from('Resumen de alta: buprenorfina, cita en 3 días.'), 'text/plain'],
    ['a ZIP archive', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, ...Buffer.alloc(40)]), null],
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), null],
    ['a GIF (an image, but not allowed)', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), null],
    ['binary bytes', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe]), null],
    ['invalid UTF-8', Buffer.from([0x68, 0x69, 0xc3, 0x28]), null],
    ['empty', Buffer.alloc(0), null],
  ])('%s → %s', async (_n, bytes, expected) => {
    expect(await sniffAttachmentType(bytes)).toBe(expected);
  });
});

describe('safeFileName', () => {
  it.each([
    ['summary.pdf', 'summary.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\scan.png', 'scan.png'],
    ['we"ird<name>.txt', 'we_ird_name_.txt'],
    ['line\nbreak.txt', 'line_break.txt'],
    ['', 'attachment'],
    [undefined, 'attachment'],
    ['..', 'attachment'],
    ['a'.repeat(300), 'a'.repeat(200)],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['scan\u2067gnp.js\u2069.pdf', 'scan_gnp.js_.pdf'],
    ['left\u200Fright\u061C.txt', 'left_right_.txt'],
    ['c1\u0085control.txt', 'c1_control.txt'],
  ])('%j → %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
