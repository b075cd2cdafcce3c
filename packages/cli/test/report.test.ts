import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passedDrillReport } from '../../core/test/drillReports/drillReportFixture.js';
import { createTableNamed } from '../../core/test/health/createTableNamed.js';
import { drillReportFileName, parseDrillReport, type DrillReport } from '../../core/src/drillReports/drillReport.js';
import { runCli } from './restoreHarness.js';

// `dynamo-dr report` as a user runs it: a table with PITR on in the sandbox, two drills of it on record (one
// within the RTO target, one over it), the HTML page opened in headless Chromium with every request but the
// file itself refused.
let sandbox: Sandbox;
let workDir: string;
let drills: string;

const DAY_MS = 86_400_000;
const CHROMIUM = '/usr/bin/chromium';
const cli = (...args: string[]) => runCli(sandbox, workDir, args);

/** A drill of Prod-Orders that finished `daysAgo` days ago and took `rtoSeconds` in all. */
function drill(daysAgo: number, rtoSeconds: number, outcome: DrillReport['outcome']): DrillReport {
  const base = passedDrillReport('Prod', 'Prod-Orders', new Date(Date.now() - daysAgo * DAY_MS), outcome);
  return {
    ...base,
    measurements: {
      ...base.measurements,
      rtoSeconds: { total: rtoSeconds, phases: { restore: rtoSeconds - 120, verify: 120 } },
    },
    failures: outcome === 'passed' ? [] : [`RTO ${rtoSeconds / 60} min is over the 30-minute target`],
  };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  const ddb = new DynamoDBClient(sandbox.clientConfig);
  workDir = await mkdtemp(path.join(tmpdir(), 'drreport-'));
  drills = path.join(workDir, 'recovery-tests');
  await mkdir(drills);
  const config = {
    environments: {
      Prod: { tables: { Orders: { tableName: 'Prod-Orders' } }, drills: { reports: { directory: drills } } },
    },
  };
  await writeFile(path.join(workDir, 'dynamo-dr.config.json'), JSON.stringify(config));
  await createTableNamed(ddb, 'Prod-Orders', { deletionProtection: true });
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'Prod-Orders',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
    }),
  );
  for (const report of [drill(20, 1500, 'passed'), drill(2, 2460, 'failed')]) {
    const text = JSON.stringify(report, null, 2);
    // The files are drill reports as the schema defines them: the readers take them, none is skipped.
    expect(parseDrillReport(text)).toEqual(report);
    await writeFile(path.join(drills, drillReportFileName(report)), text);
  }
}, 60_000);
afterAll(() => sandbox.stop());

describe('dynamo-dr report', () => {
  it('writes one HTML page that loads with no network: one chart point per drill, the target drawn, a screenshot', async () => {
    const out = path.join(workDir, 'dr-report.html');
    const run = await cli('report', '--out', out);
    expect(run.stderr).toContain(`Wrote ${out}: 1 table(s), 2 drill(s)`);
    expect(run.code).toBe(0);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const fileUrl = pathToFileURL(out).href;
      const refused: string[] = [];
      await page.route('**/*', (route) => {
        if (route.request().url() === fileUrl) return route.continue();
        refused.push(route.request().url());
        return route.abort();
      });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(fileUrl, { waitUntil: 'load' });

      const chart = await page.locator('canvas[data-table="Prod-Orders"]').evaluate((canvas) => {
        const found = (globalThis as unknown as { Chart: ChartGlobal }).Chart.getChart(canvas)!;
        return {
          labels: found.data.labels,
          rto: found.data.datasets.map((d) => d.data),
          drawnPoints: found.getDatasetMeta(0).data.length,
          target: found.options.plugins.rtoTarget.minutes,
          yMax: found.scales.y.max,
          targetLinePixels: redPixelsAlong(found, found.scales.y.getPixelForValue(30)),
        };
        /** How many pixels of the plot area's row at `y` (and the rows beside it) are the target line's red. */
        function redPixelsAlong(chart: NonNullable<ReturnType<ChartGlobal['getChart']>>, y: number): number {
          const ratio = chart.currentDevicePixelRatio;
          const { left, right } = chart.chartArea;
          const row = chart.ctx.getImageData(left * ratio, (y - 1) * ratio, (right - left) * ratio, 3 * ratio).data;
          let red = 0;
          for (let i = 0; i < row.length; i += 4) if (row[i]! > 180 && row[i + 1]! < 90 && row[i + 2]! < 90) red += 1;
          return red;
        }
      });
      expect(errors).toEqual([]);
      expect(refused).toEqual([]);
      // One series, one point per drill, oldest first: 25 minutes, then 41.
      expect(chart.rto).toEqual([[25, 41]]);
      expect(chart.drawnPoints).toBe(2);
      expect(chart.labels).toHaveLength(2);
      expect(chart.target).toBe(30);
      expect(chart.yMax).toBeGreaterThanOrEqual(41);
      // The dashed target line is drawn across the plot at 30 minutes.
      expect(chart.targetLinePixels).toBeGreaterThan(100);
      const text = await page.locator('section[data-table="Prod-Orders"]').innerText();
      expect(text).toContain('RTO target: 30 min');
      expect(text).toContain("restorable: all that the 35-day retention covers, back to the table's creation");
      expect(text).toMatch(/Retention \(RecoveryPeriodInDays\)\s+35 days/);
      expect(text).toContain('PITR enabled');
      expect(text).toMatch(/41 min \(restore 39 min, verify 2 min\)\s+30 min MISSED/);

      const screenshot = path.join(workDir, 'dr-report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      const png = await readFile(screenshot);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });

  it('writes Markdown with --format md, the drills read from --reports-dir', async () => {
    const elsewhere = path.join(workDir, 'other-reports');
    await mkdir(elsewhere);
    const only = drill(5, 600, 'passed');
    await writeFile(path.join(elsewhere, drillReportFileName(only)), JSON.stringify(only));
    const out = path.join(workDir, 'dr-report.md');
    const run = await cli('report', '--format', 'md', '--out', out, '--reports-dir', elsewhere);
    expect(run.code).toBe(0);
    const md = await readFile(out, 'utf8');
    expect(md).toContain('## Prod-Orders (Prod, Orders)');
    expect(md).toContain('| Retention (RecoveryPeriodInDays) | 35 days |');
    expect(md).toContain('RTO target: 30 min (drills.rtoTargetMinutes); RPO target: 5 min (drills.rpoTargetMinutes).');
    // Only the drill of --reports-dir: the configured directory's two are not read.
    expect(md.match(/\| restore-as \|/g)).toHaveLength(1);
    expect(md).toContain('| PASSED | 10 min (restore 8 min, verify 2 min) | 30 min met |');
    expect(md).toMatch(/\| Successful drill recently \| PASS \| last successful drill .*other-reports/);
  });

  it('refuses bad input with exit 2 and writes nothing', async () => {
    const before = await readdir(workDir);
    const missing = path.join(workDir, 'no-such-dir');
    const existing = path.join(workDir, 'kept.html');
    await writeFile(existing, 'keep me');
    const cases: [string[], string][] = [
      [['--out', 'r.html', '--reports-dir', missing], `--reports-dir "${missing}" does not exist. Check the path.`],
      [['--out', path.join(missing, 'r.html')], 'is in a directory that does not exist'],
      [['--out', drills], 'is a directory'],
      [['--out', ''], '--out is empty'],
      [['--out', 'r.pdf', '--format', 'pdf'], "argument 'pdf' is invalid"],
      [['--out', existing], 'already exists. Choose another path, or pass --force to replace it.'],
    ];
    for (const [args, message] of cases) {
      const run = await cli('report', ...args);
      expect(run.stderr, args.join(' ')).toContain(message);
      expect(run.code, args.join(' ')).toBe(2);
    }
    expect(await readFile(existing, 'utf8')).toBe('keep me');
    expect((await readdir(workDir)).sort()).toEqual([...before, 'kept.html'].sort());
    const replaced = await cli('report', '--out', existing, '--force', '--format', 'md');
    expect(replaced.code).toBe(0);
    expect(await readFile(existing, 'utf8')).toContain('# Disaster-recovery report');
  });
});

/** The part of Chart.js's global the test reads (the page defines it; the test does not import Chart.js). */
interface ChartGlobal {
  getChart(canvas: unknown):
    | {
        data: { labels: unknown[]; datasets: { data: number[] }[] };
        getDatasetMeta(index: number): { data: unknown[] };
        options: { plugins: { rtoTarget: { minutes: number } } };
        scales: { y: { max: number; getPixelForValue(value: number): number } };
        chartArea: { left: number; right: number };
        currentDevicePixelRatio: number;
        ctx: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
      }
    | undefined;
}
