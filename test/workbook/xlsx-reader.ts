import { crc32, inflateRawSync } from 'node:zlib';
import path from 'node:path/posix';

/**
 * An .xlsx reader written apart from the app's writer (no code in common, not even the zip
 * library): the zip's central directory read with node:zlib, CRCs checked, XML parsed by a small
 * generic parser, and every sheet, drawing and chart reached through the package's
 * relationships, as Excel does. Just enough to read back what the workbook says.
 */

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Unzips every entry; throws on a broken archive or a CRC mismatch. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory: not a zip');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header: ${name}`);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`unsupported compression ${method}: ${name}`);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch: ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const known = ENTITIES[entity];
    if (known === undefined) throw new Error(`unknown entity ${whole}`);
    return known;
  });
}

/** Parses well-formed XML into a tree; throws on mismatched tags. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(xml))) {
    if (match.index !== consumed) throw new Error(`unparsable XML at ${consumed}`);
    consumed = token.lastIndex;
    const [, close, open, attrText, selfClose, text] = match;
    const top = stack[stack.length - 1]!;
    if (close) {
      if (top.name !== close) throw new Error(`</${close}> closes <${top.name}>`);
      stack.pop();
    } else if (open) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const node: XmlNode = { name: open, attrs, children: [], text: '' };
      top.children.push(node);
      if (!selfClose) stack.push(node);
    } else if (text !== undefined) {
      top.text += decode(text);
    }
  }
  if (consumed !== xml.length || stack.length !== 1) throw new Error('truncated XML');
  const [document] = root.children;
  if (!document || root.children.length !== 1) throw new Error('not one root element');
  return document;
}

/** Every descendant (and self) named `name`, in document order. */
export function all(node: XmlNode, name: string): XmlNode[] {
  const found: XmlNode[] = node.name === name ? [node] : [];
  for (const child of node.children) found.push(...all(child, name));
  return found;
}

export function one(node: XmlNode, name: string): XmlNode {
  const found = all(node, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0]!;
}

export type CellValue = string | number;

export interface ChartSeries {
  /** bar (horizontal) or col (vertical) */
  barDir: string;
  categoriesRef: string;
  valuesRef: string;
  cachedCategories: string[];
  cachedValues: number[];
  title: string;
}

export interface SheetRead {
  name: string;
  cells: Map<string, CellValue>;
  charts: ChartSeries[];
}

export interface XlsxRead {
  sheets: SheetRead[];
  contentTypes: Map<string, string>;
  files: Map<string, Buffer>;
}

/** Relationships of `part` (id → resolved target path). */
function relationships(files: Map<string, Buffer>, part: string): Map<string, string> {
  const relsPath = path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
  const rels = files.get(relsPath);
  if (!rels) return new Map();
  return new Map(
    all(parseXml(rels.toString('utf8')), 'Relationship').map((r) => [
      r.attrs['Id']!,
      path.normalize(path.join(path.dirname(part), r.attrs['Target']!)),
    ]),
  );
}

function xmlOf(files: Map<string, Buffer>, part: string): XmlNode {
  const data = files.get(part);
  if (!data) throw new Error(`missing part ${part}`);
  return parseXml(data.toString('utf8'));
}

function cellsOf(sheet: XmlNode, shared: string[]): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  for (const c of all(sheet, 'c')) {
    const ref = c.attrs['r']!;
    const type = c.attrs['t'];
    if (type === 'inlineStr')
      cells.set(
        ref,
        all(c, 't')
          .map((t) => t.text)
          .join(''),
      );
    else if (type === 's') cells.set(ref, shared[Number(one(c, 'v').text)] ?? '');
    else if (type === 'str') cells.set(ref, one(c, 'v').text);
    else cells.set(ref, Number(one(c, 'v').text));
  }
  return cells;
}

function chartOf(chart: XmlNode): ChartSeries[] {
  const barDir = one(chart, 'c:barDir').attrs['val']!;
  const title = all(one(chart, 'c:title'), 'a:t')
    .map((t) => t.text)
    .join('');
  return all(chart, 'c:ser').map((ser) => {
    const cat = one(ser, 'c:cat');
    const val = one(ser, 'c:val');
    return {
      barDir,
      title,
      categoriesRef: one(cat, 'c:f').text,
      valuesRef: one(val, 'c:f').text,
      cachedCategories: all(cat, 'c:pt').map((pt) => one(pt, 'c:v').text),
      cachedValues: all(val, 'c:pt').map((pt) => Number(one(pt, 'c:v').text)),
    };
  });
}

export function readXlsx(zip: Buffer): XlsxRead {
  const files = unzip(zip);
  const contentTypes = new Map(
    all(xmlOf(files, '[Content_Types].xml'), 'Override').map((o) => [
      o.attrs['PartName']!.replace(/^\//, ''),
      o.attrs['ContentType']!,
    ]),
  );
  const workbookPart = relationships(files, '').get('rId1');
  if (workbookPart !== 'xl/workbook.xml') throw new Error(`office document is ${workbookPart}`);
  const workbookRels = relationships(files, workbookPart);
  const sharedPart = [...workbookRels.values()].find((p) => p.endsWith('sharedStrings.xml'));
  const shared = sharedPart
    ? all(xmlOf(files, sharedPart), 'si').map((si) =>
        all(si, 't')
          .map((t) => t.text)
          .join(''),
      )
    : [];
  const sheets = all(xmlOf(files, workbookPart), 'sheet').map((sheet): SheetRead => {
    const part = workbookRels.get(sheet.attrs['r:id']!);
    if (!part) throw new Error(`sheet ${sheet.attrs['name']} has no part`);
    const xml = xmlOf(files, part);
    const sheetRels = relationships(files, part);
    const charts = all(xml, 'drawing').flatMap((drawing) => {
      const drawingPart = sheetRels.get(drawing.attrs['r:id']!)!;
      const drawingRels = relationships(files, drawingPart);
      return all(xmlOf(files, drawingPart), 'c:chart').flatMap((ref) =>
        chartOf(xmlOf(files, drawingRels.get(ref.attrs['r:id']!)!)),
      );
    });
    return { name: sheet.attrs['name']!, cells: cellsOf(xml, shared), charts };
  });
  return { sheets, contentTypes, files };
}

/** The cells of a chart formula such as 'My sheet'!$A$2:$A$9, as [sheet name, refs]. */
export function rangeCells(formula: string): [string, string[]] {
  const match = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(formula);
  if (!match) throw new Error(`not a range: ${formula}`);
  const [, sheet, col, from, toCol = col, to = from] = match;
  if (toCol !== col) throw new Error(`a series range spans one column: ${formula}`);
  const refs: string[] = [];
  for (let row = Number(from); row <= Number(to); row++) refs.push(`${col}${row}`);
  return [sheet!.replace(/''/g, "'"), refs];
}
