import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTable, InputError, loadConfig, parseConfig } from '../../src/index.js';

const valid = {
  environments: {
    Prod: {
      production: true,
      tables: {
        ProviderTable: { tableName: 'Prod-ProviderTable-ABC' },
        SsnTable: { tableName: 'Prod-SsnTable-XYZ', excluded: true, excludedReason: 'extra security review' },
      },
    },
  },
};

describe('configuration file', () => {
  it('finds a table by physical or logical name, with its environment', () => {
    const config = parseConfig(valid);
    expect(findTable(config, 'Prod-ProviderTable-ABC')).toMatchObject({
      environment: 'Prod',
      logicalName: 'ProviderTable',
    });
    expect(findTable(config, 'SsnTable')).toMatchObject({ excluded: true });
    expect(findTable(config, 'prod-providertable-abc')).toBeUndefined();
  });

  it('names the bad setting, its place and value', () => {
    const bad = { environments: { Prod: { tables: { ProviderTable: { tableName: 'x' } } } } };
    expect(() => parseConfig(bad)).toThrow(/\/environments\/Prod\/tables\/ProviderTable\/tableName "x"/);
    expect(() => parseConfig({ environments: { Prod: { colour: 'blue' } } })).toThrow(
      /at \/environments\/Prod\/colour "blue" is not a known setting/,
    );
  });

  it('is optional unless a path is given', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'drcfg-'));
    expect(await loadConfig({ cwd: dir })).toBeUndefined();
    await expect(loadConfig({ explicitPath: path.join(dir, 'missing.json') })).rejects.toBeInstanceOf(InputError);
    await writeFile(path.join(dir, 'dynamo-dr.config.json'), JSON.stringify(valid));
    expect((await loadConfig({ cwd: dir }))?.environments.Prod?.production).toBe(true);
  });
});
