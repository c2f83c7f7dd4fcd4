// Reports: the network write-up as HTML, Markdown and PDF (pure renderers; the pipeline writes them).
export { CHROMIUM_ARGS, chromiumPath, htmlToPdf } from './pdf.js';
export type { OperationSection, ReportModel } from './report.js';
export { assetSentence, buildReport, renderHtml, renderMarkdown } from './report.js';
export { assetsSvg, heatmapSvg, networkSvg, timelineSvg } from './svg.js';
