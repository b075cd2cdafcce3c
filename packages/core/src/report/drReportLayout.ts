import type { DrReport, TableDrReport } from './drReport.js';
import {
  checkGrid,
  checkVerdict,
  costLines,
  drillGrid,
  environmentCheckGrid,
  tableCostGrid,
  windowGrid,
  windowShare,
  windowVerdict,
  type ReportGrid,
} from './drReportRows.js';

/** The data of one RTO trend chart: one point per drill, oldest first. */
export interface RtoSeries {
  readonly environment: string;
  readonly tableName: string;
  readonly labels: readonly string[];
  readonly rtoMinutes: readonly number[];
  readonly outcomes: readonly ('passed' | 'failed')[];
  readonly targetMinutes: number;
}

/** One piece of a section; a renderer that cannot draw a bar or a chart leaves it out (the grids say the same). */
export type ReportBlock =
  | { readonly kind: 'heading'; readonly text: string; readonly note?: string }
  | { readonly kind: 'text'; readonly text: string; readonly tone?: 'pass' | 'fail' | 'target' }
  | { readonly kind: 'grid'; readonly grid: ReportGrid; readonly style: 'figures' | 'list' }
  | { readonly kind: 'windowBar'; readonly percent: number }
  | { readonly kind: 'rtoChart'; readonly series: RtoSeries };

/** A section of the report: one per table (its heading first), then the environments, the costs. */
export interface ReportSection {
  readonly title: string;
  readonly table?: { readonly environment: string; readonly tableName: string };
  readonly blocks: readonly ReportBlock[];
}

/** The whole report as both renderers lay it out, in order. */
export interface ReportLayout {
  readonly title: string;
  readonly intro: readonly ReportBlock[];
  readonly sections: readonly ReportSection[];
}

/**
 * What the report says, in order and once: the HTML and Markdown renderers only lay it out.
 *
 * @example
 * for (const section of drReportLayout(report).sections) console.log(section.title);
 */
export function drReportLayout(report: DrReport): ReportLayout {
  const sections: ReportSection[] = report.tables.map(tableSection);
  sections.push({
    title: 'Environments',
    blocks: [{ kind: 'grid', grid: environmentCheckGrid(report), style: 'list' }],
  });
  sections.push({ title: 'Costs', blocks: costLines(report).map((text) => ({ kind: 'text', text })) });
  if (report.unreadableDrillReports.length > 0) {
    const rows = report.unreadableDrillReports.map((u) => [u.location, u.problem]);
    sections.push({
      title: 'Drill reports that could not be read',
      blocks: [{ kind: 'grid', grid: { header: ['Report', 'Problem'], rows }, style: 'list' }],
    });
  }
  return {
    title: 'Disaster-recovery report',
    intro: [
      {
        kind: 'text',
        text: `Made ${report.generatedAt} in ${report.region} for ${report.environments.join(', ')}. Drill reports read from ${report.drillReportLocations.join(', ') || 'nowhere (no drills.reports)'}.`,
      },
      { kind: 'text', text: checkVerdict(report), tone: report.check.ok ? 'pass' : 'fail' },
    ],
    sections,
  };
}

function tableSection(table: TableDrReport): ReportSection {
  const costs = tableCostGrid(table);
  const { rtoMinutes, rpoMinutes } = table.targets;
  const drills: ReportBlock[] =
    table.drills.length === 0
      ? [{ kind: 'text', text: 'No drill on record.' }]
      : [
          {
            kind: 'text',
            text: `RTO target: ${rtoMinutes} min (drills.rtoTargetMinutes); RPO target: ${rpoMinutes} min (drills.rpoTargetMinutes).`,
            tone: 'target',
          },
          { kind: 'rtoChart', series: rtoSeries(table) },
          { kind: 'grid', grid: drillGrid(table), style: 'list' },
        ];
  return {
    title: `${table.tableName} (${table.environment}, ${table.logicalName})`,
    table: { environment: table.environment, tableName: table.tableName },
    blocks: [
      { kind: 'heading', text: 'Restorable window' },
      { kind: 'text', text: windowVerdict(table) },
      { kind: 'windowBar', percent: windowShare(table) },
      { kind: 'grid', grid: windowGrid(table), style: 'figures' },
      { kind: 'heading', text: 'Backup check' },
      { kind: 'grid', grid: checkGrid(table), style: 'list' },
      { kind: 'heading', text: 'Drills' },
      ...drills,
      { kind: 'heading', text: 'Costs' },
      costs
        ? { kind: 'grid', grid: costs, style: 'figures' }
        : { kind: 'text', text: 'No cost estimate (see Costs below).' },
    ],
  };
}

function rtoSeries(table: TableDrReport): RtoSeries {
  return {
    environment: table.environment,
    tableName: table.tableName,
    labels: table.drills.map((d) => d.startedAt.slice(0, 16).replace('T', ' ')),
    rtoMinutes: table.drills.map((d) => Math.round((d.rto.totalSeconds / 60) * 10) / 10),
    outcomes: table.drills.map((d) => d.outcome),
    targetMinutes: table.targets.rtoMinutes,
  };
}
