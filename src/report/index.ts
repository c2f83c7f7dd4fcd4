// Reports: the network write-up as HTML, Markdown and PDF (pure renderers; the pipeline writes them).
export { CHROMIUM_ARGS, chromiumPath, htmlToPdf } from './pdf.js';
export { renderHtml } from './render-html.js';
export { renderMarkdown } from './render-markdown.js';
export type { OperationSection, ReportModel, ReportOptions, ReportProvenance } from './report.js';
export { assetSentence, buildReport } from './report.js';
export type { TextBlock } from './report-method.js';
export { limitationsBlock, methodBlock, provenanceItems } from './report-method.js';
export { assetsSvg, heatmapSvg, networkSvg, operationNetworkSvg, timelineSvg } from './svg.js';
