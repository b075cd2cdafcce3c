import { describe, expect, it } from 'vitest';
import { drillHistory } from '../../src/report/drillHistory.js';
import type { DrReport, TableDrReport, WindowAgainstRetention } from '../../src/report/drReport.js';
import { drReportHtml } from '../../src/report/drReportHtml.js';
import { drReportMarkdown } from '../../src/report/drReportMarkdown.js';
import { windowVerdict } from '../../src/report/drReportRows.js';
import { passedDrillReport } from '../drillReports/drillReportFixture.js';

const DAY = 86_400;
const now = new Date('2026-12-01T12:00:00Z');

function table(window: Partial<WindowAgainstRetention>, drills: TableDrReport['drills'] = []): TableDrReport {
  return {
    environment: 'Prod',
    tableName: 'Prod-Orders',
    logicalName: 'Orders',
    window: {
      tableExists: true,
      pitrEnabled: true,
      earliest: new Date(now.getTime() - 35 * DAY * 1000).toISOString(),
      latest: now.toISOString(),
      retentionDays: 35,
      requiredRetentionDays: 35,
      windowSeconds: 35 * DAY,
      expectedEarliest: new Date(now.getTime() - 35 * DAY * 1000).toISOString(),
      expectedWindowSeconds: 35 * DAY,
      deficitSeconds: 0,
      toleranceSeconds: 3600,
      ...window,
    },
    checks: [],
    targets: { rtoMinutes: 30, rpoMinutes: 5 },
    drills,
  };
}

function report(tables: TableDrReport[]): DrReport {
  return {
    format: 'dynamo-dr.dr-report',
    version: 1,
    generatedAt: now.toISOString(),
    region: 'us-east-1',
    environments: ['Prod'],
    tables,
    check: {
      format: 'dynamo-dr.check-report',
      version: 1,
      checkedAt: now.toISOString(),
      environments: ['Prod'],
      alarmsTested: [],
      items: [],
      counts: { pass: 0, warn: 0, fail: 0 },
      ok: true,
    },
    costs: { unavailable: '--region "eu-north-1" has no prices in the price table.' },
    drillReportLocations: ['docs/ops/recovery-tests'],
    unreadableDrillReports: [],
  };
}

describe('the restorable window against the retention', () => {
  it('says how much is missing, and from when, once PITR was reset', () => {
    const earliest = new Date(now.getTime() - 2 * DAY * 1000).toISOString();
    expect(windowVerdict(table({ earliest, windowSeconds: 2 * DAY, deficitSeconds: 33 * DAY }))).toBe(
      `2 days restorable: 33 days short of what the 35-day retention promises; nothing before 2026-11-29T12:00:00Z can be restored.`,
    );
  });

  it('says when the retention itself is cut below the required one', () => {
    expect(windowVerdict(table({ retentionDays: 7, windowSeconds: 7 * DAY, deficitSeconds: 0 }))).toBe(
      '7 days restorable, but RecoveryPeriodInDays is 7: the window will never reach the 35-day retention (dynamo-dr pitr enable restores it).',
    );
  });

  it("counts a young table's window whole, and a deficit within the tolerance as none", () => {
    const created = new Date(now.getTime() - 7200_000).toISOString();
    expect(
      windowVerdict(
        table({ expectedEarliest: created, expectedWindowSeconds: 7200, windowSeconds: 7190, deficitSeconds: 10 }),
      ),
    ).toBe(
      "2 h restorable: all that the 35-day retention covers, back to the table's creation (2026-12-01T10:00:00Z).",
    );
    expect(windowVerdict(table({ pitrEnabled: false, windowSeconds: 0 }))).toBe(
      'PITR is off: nothing can be restored to a point in time.',
    );
  });
});

describe('the drill history', () => {
  it("orders a table's drills by start and judges each against the targets it was run with", () => {
    const late = passedDrillReport('Prod', 'Prod-Orders', new Date('2026-11-20T00:00:00Z'));
    const early = passedDrillReport('Prod', 'Prod-Orders', new Date('2026-10-01T00:00:00Z'));
    const slow = { ...late, measurements: { ...late.measurements, rtoSeconds: { total: 1801, phases: {} } } };
    const other = passedDrillReport('Prod', 'Prod-Consent', new Date('2026-11-01T00:00:00Z'));
    const history = drillHistory(
      [slow, other, early].map((r, i) => ({ report: r, location: `r${i}.json` })),
      'Prod',
      'Prod-Orders',
    );
    expect(history.map((d) => [d.location, d.rto.totalSeconds, d.rto.met, d.rpo.met])).toEqual([
      ['r2.json', 1500, true, true],
      ['r0.json', 1801, false, true],
    ]);
  });
});

describe('the renderers', () => {
  it('show text from drill reports as text, never as markup, in HTML and Markdown', async () => {
    const failed = passedDrillReport('Prod', 'Prod-Orders', now, 'failed');
    const hostile = { ...failed, failures: ['canary </script><img src=x onerror=alert(1)> | came back altered'] };
    const t = table({}, drillHistory([{ report: hostile, location: 'a.json' }], 'Prod', 'Prod-Orders'));
    const html = await drReportHtml(report([t]));
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('canary &#60;/script&#62;&#60;img src=x onerror=alert(1)&#62; | came back altered');
    // The page holds exactly the three scripts it brings: the chart data, Chart.js, the drawing code.
    expect(html.match(/<script[\s>]/g)).toHaveLength(3);
    const md = drReportMarkdown(report([t]));
    expect(md).toContain('canary &lt;/script>&lt;img src=x onerror=alert(1)> \\| came back altered');
    expect(md).toContain('No cost estimate: --region "eu-north-1" has no prices in the price table.');
  });
});
