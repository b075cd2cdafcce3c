export {
  DR_REPORT_FORMAT,
  DR_REPORT_VERSION,
  type DrReport,
  type WindowAgainstRetention,
  type TableDrReport,
} from './drReport.js';
export { drillHistory, type DrillHistoryEntry } from './drillHistory.js';
export { runDrReport, type DrReportOptions } from './runDrReport.js';
export { drReportHtml, type RtoSeries } from './drReportHtml.js';
export { drReportMarkdown } from './drReportMarkdown.js';
