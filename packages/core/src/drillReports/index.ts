export * from './drillReport.js';
export * from './drillReportSources.js';
export * from './latestDrills.js';
export { drillReportSourcesOf } from './drillReportSourcesOf.js';
