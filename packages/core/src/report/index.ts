export {
  DR_REPORT_FORMAT,
  DR_REPORT_VERSION,
  type DrReport,
  type TableDrReport,
  type WindowAgainstRetention,
} from './drReport.js';
export { drillHistory, type DrillHistoryEntry } from './drillHistory.js';
export { runDrReport, type DrReportOptions } from './runDrReport.js';
export {
  drReportLayout,
  type ReportBlock,
  type ReportLayout,
  type ReportSection,
  type RtoSeries,
} from './drReportLayout.js';
export type { ReportGrid } from './drReportRows.js';
export { drReportHtml } from './drReportHtml.js';
export { drReportMarkdown } from './drReportMarkdown.js';
