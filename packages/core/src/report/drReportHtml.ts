import { chartJsSource } from './chartJsSource.js';
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

/**
 * The report as one self-contained HTML page: styles, data and Chart.js inline, and a Content-Security-Policy
 * that allows no request at all, so it opens the same from a laptop, an attachment or an air-gapped machine.
 * Each table with drills gets an RTO trend chart (one point per drill, green passed, red failed) with the
 * target drawn across it.
 *
 * @example
 * await writeFile('dr-report.html', await drReportHtml(report));
 */
export async function drReportHtml(report: DrReport): Promise<string> {
  const series: RtoSeries[] = [];
  const sections = report.tables.map((table) => {
    const chart = table.drills.length > 0 ? series.push(rtoSeries(table)) - 1 : undefined;
    return tableSection(table, chart);
  });
  const environmentItems = environmentCheckGrid(report);
  const unreadable = report.unreadableDrillReports;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Disaster-recovery report, ${esc(report.generatedAt)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Disaster-recovery report</h1>
<p class="meta">Made ${esc(report.generatedAt)} in ${esc(report.region)} for ${esc(report.environments.join(', '))}. Drill reports read from ${esc(report.drillReportLocations.join(', ') || 'nowhere (no drills.reports)')}.</p>
<p class="verdict ${report.check.ok ? 'pass' : 'fail'}">${esc(checkVerdict(report))}</p>
${sections.join('\n')}
<section>
<h2>Environments</h2>
${grid(environmentItems, 'check')}
</section>
<section>
<h2>Costs</h2>
${costLines(report)
  .map((line) => `<p>${esc(line)}</p>`)
  .join('\n')}
</section>
${unreadable.length > 0 ? `<section><h2>Drill reports that could not be read</h2><ul>${unreadable.map((u) => `<li>${esc(u.location)}: ${esc(u.problem)}</li>`).join('')}</ul></section>` : ''}
<script type="application/json" id="rto-series">${json(series)}</script>
<script>${await chartJsSource()}</script>
<script>${CHARTS}</script>
</body>
</html>
`;
}

function tableSection(table: TableDrReport, chart: number | undefined): string {
  const costs = tableCostGrid(table);
  return `<section class="table-report" data-environment="${esc(table.environment)}" data-table="${esc(table.tableName)}">
<h2>${esc(table.tableName)} <small>${esc(table.environment)} · ${esc(table.logicalName)}</small></h2>
<h3>Restorable window</h3>
<p>${esc(windowVerdict(table))}</p>
<div class="window" title="restorable window against what the retention promises by now"><div style="width:${windowShare(table).toFixed(1)}%"></div></div>
${grid(windowGrid(table), 'figures')}
<h3>Backup check</h3>
${grid(checkGrid(table), 'check')}
<h3>Drills</h3>
${
  chart === undefined
    ? '<p>No drill on record.</p>'
    : `<p class="target">RTO target: ${table.targets.rtoMinutes} min (drills.rtoTargetMinutes); RPO target: ${table.targets.rpoMinutes} min. A point per drill: green passed, red failed.</p>
<div class="chart"><canvas data-rto-chart="${chart}" data-table="${esc(table.tableName)}" role="img" aria-label="RTO of each drill of ${esc(table.tableName)} against the target of ${table.targets.rtoMinutes} minutes"></canvas></div>
${grid(drillGrid(table), 'drills')}`
}
<h3>Costs</h3>
${costs ? grid(costs, 'figures') : '<p>No cost estimate (see Costs below).</p>'}
</section>`;
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

function grid(g: ReportGrid, kind: string): string {
  const head = g.header.some((h) => h !== '')
    ? `<thead><tr>${g.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`
    : '';
  const rows = g.rows
    .map((row) => `<tr>${row.map((cell) => `<td${statusClass(cell)}>${esc(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="${kind}">${head}<tbody>\n${rows}\n</tbody></table>`;
}

function statusClass(cell: string): string {
  const status = { PASS: 'pass', PASSED: 'pass', WARN: 'warn', FAIL: 'fail', FAILED: 'fail' }[cell];
  return status ? ` class="${status}"` : '';
}

/** Text as HTML: every character that could start markup or end an attribute is escaped. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a <script> element: `<` escaped, so no value can close the element. */
function json(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;color:#1f2328;max-width:1100px;margin:2em auto;padding:0 1em}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2em;margin-top:2em}h2 small{color:#656d76;font-weight:normal;font-size:.6em}
.meta{color:#656d76}.verdict{font-weight:600;padding:.5em .8em;border-radius:6px}
.verdict.pass{background:#dafbe1}.verdict.fail{background:#ffebe9}
table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f6f8fa}table.figures{width:auto}td.pass{color:#1a7f37;font-weight:600}td.warn{color:#9a6700;font-weight:600}td.fail{color:#cf222e;font-weight:600}
.window{height:10px;background:#ffebe9;border-radius:5px;max-width:480px;overflow:hidden}.window div{height:100%;background:#2da44e}
.chart{position:relative;height:280px;max-width:800px}.target{color:#cf222e}
`;

/** Draws each table's chart from the data above; the target is a dashed line across the plot area. */
const CHARTS = `
(function () {
  var series = JSON.parse(document.getElementById('rto-series').textContent);
  var targetLine = {
    id: 'rtoTarget',
    afterDatasetsDraw: function (chart, args, options) {
      var y = chart.scales.y.getPixelForValue(options.minutes);
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#cf222e';
      ctx.fillStyle = '#cf222e';
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(area.left, y);
      ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.fillText('target ' + options.minutes + ' min', area.left + 4, y - 4);
      ctx.restore();
    }
  };
  document.querySelectorAll('canvas[data-rto-chart]').forEach(function (canvas) {
    var s = series[Number(canvas.getAttribute('data-rto-chart'))];
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: s.labels,
        datasets: [{
          label: 'RTO (minutes)',
          data: s.rtoMinutes,
          borderColor: '#0969da',
          pointRadius: 6,
          pointBackgroundColor: s.outcomes.map(function (o) { return o === 'passed' ? '#2da44e' : '#cf222e'; }),
          tension: 0
        }]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, suggestedMax: s.targetMinutes * 1.2, title: { display: true, text: 'RTO (minutes)' } },
          x: { title: { display: true, text: 'drill started (UTC)' } }
        },
        plugins: { legend: { display: false }, rtoTarget: { minutes: s.targetMinutes } }
      },
      plugins: [targetLine]
    });
  });
})();
`;
