import { SUMMARY_SHEET_NAME, type WorkbookModel } from './workbook-model';
import { escapeXml, XML_DECLARATION } from './xml';

/**
 * The OPC plumbing of an .xlsx: content types, relationships, the workbook part and styles.
 * Sheet 1 is the summary; sheet n + 1, drawing n and chart n belong to dimension n.
 */

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const CT = 'application/vnd.openxmlformats-officedocument';

export const sheetPath = (n: number): string => `xl/worksheets/sheet${n}.xml`;
export const sheetRelsPath = (n: number): string => `xl/worksheets/_rels/sheet${n}.xml.rels`;
export const drawingPath = (n: number): string => `xl/drawings/drawing${n}.xml`;
export const drawingRelsPath = (n: number): string => `xl/drawings/_rels/drawing${n}.xml.rels`;
export const chartPath = (n: number): string => `xl/charts/chart${n}.xml`;

function relationships(rels: { id: string; type: string; target: string }[]): string {
  return [
    XML_DECLARATION,
    `<Relationships xmlns="${PKG_REL}">`,
    ...rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`),
    '</Relationships>',
  ].join('');
}

export function contentTypesXml(dimensionCount: number): string {
  const overrides: [string, string][] = [
    ['/xl/workbook.xml', `${CT}.spreadsheetml.sheet.main+xml`],
    ['/xl/styles.xml', `${CT}.spreadsheetml.styles+xml`],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    [`/${sheetPath(1)}`, `${CT}.spreadsheetml.worksheet+xml`],
  ];
  for (let n = 1; n <= dimensionCount; n++) {
    overrides.push([`/${sheetPath(n + 1)}`, `${CT}.spreadsheetml.worksheet+xml`]);
    overrides.push([`/${drawingPath(n)}`, `${CT}.drawing+xml`]);
    overrides.push([`/${chartPath(n)}`, `${CT}.drawingml.chart+xml`]);
  }
  return [
    XML_DECLARATION,
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    ...overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`),
    '</Types>',
  ].join('');
}

export function rootRelsXml(): string {
  return relationships([
    { id: 'rId1', type: `${REL}/officeDocument`, target: 'xl/workbook.xml' },
    {
      id: 'rId2',
      type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
      target: 'docProps/core.xml',
    },
  ]);
}

export function coreXml(model: WorkbookModel): string {
  const created = model.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    XML_DECLARATION,
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(`Insights: ${model.organizationName}`)}</dc:title>`,
    '<dc:creator>Rediscover</dc:creator>',
    `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>`,
    '</cp:coreProperties>',
  ].join('');
}

export function workbookXml(model: WorkbookModel): string {
  const names = [SUMMARY_SHEET_NAME, ...model.sheets.map((s) => s.name)];
  return [
    XML_DECLARATION,
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}">`,
    '<bookViews><workbookView activeTab="0"/></bookViews>',
    '<sheets>',
    ...names.map(
      (name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
    ),
    '</sheets>',
    '</workbook>',
  ].join('');
}

export function workbookRelsXml(sheetCount: number): string {
  const rels = Array.from({ length: sheetCount }, (_, i) => ({
    id: `rId${i + 1}`,
    type: `${REL}/worksheet`,
    target: `worksheets/sheet${i + 1}.xml`,
  }));
  rels.push({ id: `rId${sheetCount + 1}`, type: `${REL}/styles`, target: 'styles.xml' });
  return relationships(rels);
}

/** The sheet's one drawing (rId1, as sheet-xml.ts writes it). */
export function sheetRelsXml(drawing: number): string {
  return relationships([
    { id: 'rId1', type: `${REL}/drawing`, target: `../drawings/drawing${drawing}.xml` },
  ]);
}

/** The drawing's one chart (rId1, as chart-xml.ts writes it). */
export function drawingRelsXml(chart: number): string {
  return relationships([
    { id: 'rId1', type: `${REL}/chart`, target: `../charts/chart${chart}.xml` },
  ]);
}

/** cellXfs in the order of sheet-xml.ts STYLE: normal, header, percent, title, count, countLeft. */
export function stylesXml(): string {
  return [
    XML_DECLARATION,
    `<styleSheet xmlns="${MAIN}">`,
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>',
    '<fonts count="3">',
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>',
    '</fonts>',
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>',
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
    '<cellXfs count="6">',
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left"/></xf>',
    '</cellXfs>',
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
    '</styleSheet>',
  ].join('');
}
