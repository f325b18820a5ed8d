import { bucketRange } from './sheet-xml';
import type { DimensionSheet } from './workbook-model';
import { escapeXml, sheetRange, XML_DECLARATION } from './xml';

const NS_CHART = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_MAIN = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_SHEET_DRAWING = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

const BAR_COLOUR = '4472C4';
const LINE_COLOUR = 'BFBFBF';
const GRID_COLOUR = 'E5E5E5';
const line = (colour: string): string =>
  `<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr>`;

const CATEGORY_AXIS = 500_000_001;
const VALUE_AXIS = 500_000_002;

/**
 * A DrawingML chart part (xl/charts/chartN.xml) drawing one sheet's bucket counts. Its series
 * reference the sheet's cells, so Excel, LibreOffice and Google Sheets redraw it from the data;
 * the cached values let a reader show it without recalculating. Element order follows the
 * CT_ChartSpace / CT_BarChart schema sequences, which Excel enforces.
 */
export function chartXml(sheet: DimensionSheet): string {
  const range = bucketRange(sheet);
  const empty = sheet.buckets.length === 0;
  // An empty dimension still gets its chart, over the (empty) first data row.
  const lastRow = empty ? range.firstRow : range.lastRow;
  const categories = sheetRange(sheet.name, range.labelColumn, range.firstRow, lastRow);
  const values = sheetRange(sheet.name, range.countColumn, range.firstRow, lastRow);
  const seriesName = sheetRange(sheet.name, range.countColumn, range.headerRow);
  const horizontal = sheet.chart === 'bar';
  const count = sheet.buckets.length;

  return [
    XML_DECLARATION,
    `<c:chartSpace xmlns:c="${NS_CHART}" xmlns:a="${NS_MAIN}" xmlns:r="${NS_REL}">`,
    '<c:roundedCorners val="0"/>',
    '<c:chart>',
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(sheet.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`,
    '<c:autoTitleDeleted val="0"/>',
    '<c:plotArea><c:layout/>',
    '<c:barChart>',
    `<c:barDir val="${horizontal ? 'bar' : 'col'}"/>`,
    '<c:grouping val="clustered"/><c:varyColors val="0"/>',
    '<c:ser><c:idx val="0"/><c:order val="0"/>',
    `<c:tx><c:strRef><c:f>${escapeXml(seriesName)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Candidates</c:v></c:pt></c:strCache></c:strRef></c:tx>`,
    // Explicit colours: without a theme part, readers fall back to no fill at all.
    `<c:spPr><a:solidFill><a:srgbClr val="${BAR_COLOUR}"/></a:solidFill></c:spPr>`,
    '<c:invertIfNegative val="0"/>',
    '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>',
    `<c:cat><c:strRef><c:f>${escapeXml(categories)}</c:f><c:strCache><c:ptCount val="${count}"/>`,
    ...sheet.buckets.map((b, i) => `<c:pt idx="${i}"><c:v>${escapeXml(b.label)}</c:v></c:pt>`),
    '</c:strCache></c:strRef></c:cat>',
    `<c:val><c:numRef><c:f>${escapeXml(values)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${count}"/>`,
    ...sheet.buckets.map((b, i) => `<c:pt idx="${i}"><c:v>${b.count}</c:v></c:pt>`),
    '</c:numCache></c:numRef></c:val>',
    '</c:ser>',
    `<c:gapWidth val="60"/><c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/>`,
    '</c:barChart>',
    categoryAxis(horizontal),
    valueAxis(horizontal),
    '</c:plotArea>',
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>',
    '</c:chart>',
    '</c:chartSpace>',
  ].join('');
}

/**
 * Bars list the top bucket first: categories run top to bottom (maxMin) and the value axis
 * crosses at the last category, so it stays at the bottom. Columns run left to right.
 */
function categoryAxis(horizontal: boolean): string {
  return [
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/>`,
    `<c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling>`,
    `<c:delete val="0"/><c:axPos val="${horizontal ? 'l' : 'b'}"/>`,
    '<c:numFmt formatCode="General" sourceLinked="0"/>',
    '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>',
    line(LINE_COLOUR),
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/>`,
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>',
    '</c:catAx>',
  ].join('');
}

function valueAxis(horizontal: boolean): string {
  return [
    `<c:valAx><c:axId val="${VALUE_AXIS}"/>`,
    // Counts start at zero: an axis from the smallest bar up would exaggerate differences.
    '<c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>',
    `<c:delete val="0"/><c:axPos val="${horizontal ? 'b' : 'l'}"/>`,
    `<c:majorGridlines>${line(GRID_COLOUR)}</c:majorGridlines>`,
    '<c:numFmt formatCode="#,##0" sourceLinked="0"/>',
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>',
    line(LINE_COLOUR),
    `<c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/>`,
    '<c:crossBetween val="between"/>',
    '</c:valAx>',
  ].join('');
}

/**
 * The drawing part that places the chart on its sheet: right of the table (column F), tall
 * enough for its bars, within a print page.
 */
export function drawingXml(sheet: DimensionSheet): string {
  const toRow = Math.min(60, Math.max(28, sheet.buckets.length + 4));
  return [
    XML_DECLARATION,
    `<xdr:wsDr xmlns:xdr="${NS_SHEET_DRAWING}" xmlns:a="${NS_MAIN}">`,
    '<xdr:twoCellAnchor editAs="oneCell">',
    '<xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>',
    `<xdr:to><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`,
    '<xdr:graphicFrame macro="">',
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeXml(`${sheet.title} chart`)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`,
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>',
    `<a:graphic><a:graphicData uri="${NS_CHART}"><c:chart xmlns:c="${NS_CHART}" xmlns:r="${NS_REL}" r:id="rId1"/></a:graphicData></a:graphic>`,
    '</xdr:graphicFrame>',
    '<xdr:clientData/>',
    '</xdr:twoCellAnchor>',
    '</xdr:wsDr>',
  ].join('');
}
