/**
 * A whole ZIP archive in memory (deflate, UTF-8 names, a fixed 1980-01-01 timestamp so output is
 * byte-for-byte deterministic): what a simulated DOCX needs. The headers are the product's own
 * (src/exports/insights-workbook/zip-parts.ts).
 */
import zlib from 'node:zlib';
import {
  centralDirectory,
  localHeader,
  zipEntry,
  type ZipEntry as ZipPart,
} from '../../../src/exports/insights-workbook/zip-parts';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

/** The earliest time a zip header can hold. */
const EPOCH = new Date(Date.UTC(1980, 0, 1));

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const parts: ZipPart[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const compressed = zlib.deflateRawSync(data);
    const part = zipEntry(entry.name, data, compressed.length, offset, EPOCH);
    const header = localHeader(part);
    chunks.push(header, compressed);
    parts.push(part);
    offset += header.length + compressed.length;
  }
  return Buffer.concat([...chunks, centralDirectory(parts, offset)]);
}
