import { crc32 } from 'node:zlib';

/**
 * The bytes of a plain zip archive (PKWARE APPNOTE 4.3): per file a local header and its
 * deflated data, then the central directory and its end record. Each part of a workbook is
 * compressed whole before it is written, so CRC and sizes go in the local header (no data
 * descriptors) and no ZIP64 is needed: a workbook stays far below 4 GiB and 65,535 files.
 */

const LOCAL_FILE = 0x04034b50;
const CENTRAL_FILE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 2.0: deflate. */
const VERSION = 20;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
const DEFLATE = 8;
const LIMIT = 0xffff_ffff;

export interface ZipEntry {
  name: string;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  size: number;
  compressedSize: number;
  /** Where the entry's local header starts in the archive. */
  offset: number;
  mtime: Date;
}

/** CRC and size of the uncompressed bytes, as the headers need them. */
export function zipEntry(
  name: string,
  content: Uint8Array,
  compressedSize: number,
  offset: number,
  mtime: Date,
): ZipEntry {
  if (offset > LIMIT || content.length > LIMIT || compressedSize > LIMIT)
    throw new Error('a workbook part past 4 GiB needs ZIP64, which this writer does not write');
  return { name, crc: crc32(content), size: content.length, compressedSize, offset, mtime };
}

/** MS-DOS date and time, as zip headers hold them (two-second resolution, from 1980). */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

export function localHeader(entry: ZipEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const { time, day } = dosDateTime(entry.mtime);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_FILE, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(day, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

/** The central directory and its end record, for entries written in this order. */
export function centralDirectory(entries: ZipEntry[], offset: number): Buffer {
  const records = entries.map((entry) => {
    const name = Buffer.from(entry.name, 'utf8');
    const { time, day } = dosDateTime(entry.mtime);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL_FILE, 0);
    record.writeUInt16LE(VERSION, 4);
    record.writeUInt16LE(VERSION, 6);
    record.writeUInt16LE(FLAGS, 8);
    record.writeUInt16LE(DEFLATE, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(day, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.compressedSize, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    // Extra field, comment, disk number, internal and external attributes: all zero.
    record.writeUInt32LE(entry.offset, 42);
    return Buffer.concat([record, name]);
  });
  const directory = Buffer.concat(records);
  if (entries.length > 0xffff || offset > LIMIT)
    throw new Error('too many parts or bytes for a zip without ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([directory, end]);
}
