import { inflateSync } from 'node:zlib';

/**
 * The text lines pdfkit wrote into a PDF, for tests: each `[<hex> kern <hex> …] TJ` run decoded
 * (the standard fonts' Windows-1252 codes). Compressed content streams
 * (FlateDecode) are inflated first.
 */
// Windows-1252's printable 0x80–0x9f codes that pdfkit uses (Node's decoder reads them as Latin-1).
const cp1252Extra: Record<number, string> = { 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };
const cp1252 = { decode: (bytes: Buffer) => [...bytes].map((b) => cp1252Extra[b] ?? String.fromCharCode(b)).join('') };

export function pdfTextRuns(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const contents: string[] = [];
  const streamRe = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streamRe.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    try {
      contents.push(inflateSync(bytes).toString('latin1'));
    } catch {
      contents.push(bytes.toString('latin1'));
    }
    streamRe.lastIndex = end + 'endstream'.length;
  }
  const runs: string[] = [];
  for (const content of contents) {
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      runs.push(cp1252.decode(Buffer.from(hex, 'hex')));
    }
  }
  return runs;
}
