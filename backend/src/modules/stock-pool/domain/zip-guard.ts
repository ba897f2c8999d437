import { inflateRawSync } from 'node:zlib';

/**
 * Checks an XLSX (ZIP) before anything unpacks it (issue 10 item 4): at most `maxEntries` entries,
 * stored or deflated only, and at most `maxUncompressedBytes` in all — measured by actually
 * inflating each entry with zlib's `maxOutputLength`, so a header that lies about sizes cannot
 * slip a bomb through. Costs one bounded inflate; exceljs then reads a file known to be small.
 */
export type ZipProblem = { kind: 'too_large'; uncompressedBytes: number } | { kind: 'unsupported'; reason: string };

export function zipProblem(buf: Buffer, limits: { maxUncompressedBytes: number; maxEntries: number }): ZipProblem | null {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { kind: 'unsupported', reason: 'no ZIP directory' };
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (entries > limits.maxEntries) return { kind: 'unsupported', reason: `more than ${limits.maxEntries} entries` };
  if (entries === 0xffff || p === 0xffffffff) return { kind: 'unsupported', reason: 'ZIP64' };
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return { kind: 'unsupported', reason: 'broken ZIP directory' };
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const declared = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    p += 46 + nameLen + extraLen + commentLen;
    if (total + declared > limits.maxUncompressedBytes) return { kind: 'too_large', uncompressedBytes: total + declared };
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return { kind: 'unsupported', reason: 'broken ZIP entry' };
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return { kind: 'unsupported', reason: 'truncated ZIP entry' };
    const data = buf.subarray(start, start + compressed);
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      const budget = limits.maxUncompressedBytes - total;
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) return { kind: 'too_large', uncompressedBytes: limits.maxUncompressedBytes + 1 };
        return { kind: 'unsupported', reason: 'corrupt ZIP data' };
      }
    } else {
      return { kind: 'unsupported', reason: `compression method ${method}` };
    }
    if (total > limits.maxUncompressedBytes) return { kind: 'too_large', uncompressedBytes: total };
  }
  return null;
}
