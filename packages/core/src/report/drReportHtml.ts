import { chartJsSource } from './chartJsSource.js';
import type { DrReport } from './drReport.js';
import { drReportLayout, type ReportBlock, type ReportSection, type RtoSeries } from './drReportLayout.js';
import type { ReportGrid } from './drReportRows.js';

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
  const layout = drReportLayout(report);
  const series: RtoSeries[] = [];
  const blocks = (list: readonly ReportBlock[]) => list.map((b) => block(b, series)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(layout.title)}, ${esc(report.generatedAt)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(layout.title)}</h1>
${blocks(layout.intro)}
${layout.sections.map((s) => `<section${tableAttributes(s)}>\n<h2>${esc(s.title)}</h2>\n${blocks(s.blocks)}\n</section>`).join('\n')}
<script type="application/json" id="rto-series">${json(series)}</script>
<script>${await chartJsSource()}</script>
<script>${CHARTS}</script>
</body>
</html>
`;
}

/** One block as HTML; a chart's data joins `series`, which the page's script draws from. */
function block(b: ReportBlock, series: RtoSeries[]): string {
  switch (b.kind) {
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'text':
      return `<p${b.tone ? ` class="${b.tone}"` : ''}>${esc(b.text)}</p>`;
    case 'grid':
      return grid(b.grid, b.style);
    case 'windowBar':
      return `<div class="window" title="restorable window against what the retention promises by now"><div style="width:${b.percent.toFixed(1)}%"></div></div>`;
    case 'rtoChart': {
      const index = series.push(b.series) - 1;
      return `<p class="caption">A point per drill: green passed, red failed; the dashed line is the RTO target.</p>
<div class="chart"><canvas data-rto-chart="${index}" data-table="${esc(b.series.tableName)}" role="img" aria-label="RTO of each drill of ${esc(b.series.tableName)} against the target of ${b.series.targetMinutes} minutes"></canvas></div>`;
    }
  }
}

function tableAttributes(section: ReportSection): string {
  const t = section.table;
  return t ? ` class="table-report" data-environment="${esc(t.environment)}" data-table="${esc(t.tableName)}"` : '';
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
h1{margin-bottom:.2em}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2em;margin-top:2em}
p.pass,p.fail{font-weight:600;padding:.5em .8em;border-radius:6px}p.pass{background:#dafbe1}p.fail{background:#ffebe9}.caption{color:#656d76}
table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f6f8fa}table.figures{width:auto}td.pass{color:#1a7f37;font-weight:600}td.warn{color:#9a6700;font-weight:600}td.fail{color:#cf222e;font-weight:600}
.window{height:10px;background:#ffebe9;border-radius:5px;max-width:480px;overflow:hidden}.window div{height:100%;background:#2da44e}
.chart{position:relative;height:280px;max-width:800px}p.target{color:#cf222e}
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
