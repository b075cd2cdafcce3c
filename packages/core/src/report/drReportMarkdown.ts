import { markdownCell } from '../health/markdownCell.js';
import type { DrReport } from './drReport.js';
import { drReportLayout, type ReportBlock } from './drReportLayout.js';
import type { ReportGrid } from './drReportRows.js';

/**
 * The report as Markdown (`dynamo-dr report --format md`), for a pull request or `docs/ops/`: the same sections
 * as the HTML page, the RTO trend as the drill table (oldest first) instead of a chart.
 *
 * @example
 * await writeFile('dr-report.md', drReportMarkdown(report));
 */
export function drReportMarkdown(report: DrReport): string {
  const layout = drReportLayout(report);
  const lines = [`# ${layout.title}`, ...layout.intro.flatMap(block)];
  for (const section of layout.sections)
    lines.push('', `## ${markdownCell(section.title)}`, ...section.blocks.flatMap(block));
  return `${lines.join('\n')}\n`;
}

/** One block as Markdown lines, a blank line first; bars and charts have no Markdown form (the grids say it). */
function block(b: ReportBlock): string[] {
  switch (b.kind) {
    case 'heading':
      return ['', `### ${markdownCell(b.text)}`];
    case 'text':
      return ['', b.tone === 'pass' || b.tone === 'fail' ? `**${markdownCell(b.text)}**` : markdownCell(b.text)];
    case 'grid':
      return ['', ...grid(b.grid)];
    case 'windowBar':
    case 'rtoChart':
      return [];
  }
}

function grid(g: ReportGrid): string[] {
  const row = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [row(g.header), row(g.header.map(() => '---')), ...g.rows.map(row)];
}
