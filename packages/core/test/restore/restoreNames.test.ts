import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { restoreNames } from '../../src/restore/restoreNames.js';

describe('names derived from the incident id', () => {
  it('are unique per table and incident and valid AWS names', () => {
    const a = restoreNames('Prod-ProviderTable', 'incident-2025-001');
    const b = restoreNames('Prod-UsersTable', 'incident-2025-001');
    expect(a).toEqual({
      forensicBackupName: 'Prod-ProviderTable-forensic-incident-2025-001',
      restoredTableName: 'Prod-ProviderTable-dr-incident-2025-001',
    });
    expect(new Set([...Object.values(a), ...Object.values(b)]).size).toBe(4);
    for (const name of Object.values(a)) expect(name).toMatch(/^[a-zA-Z0-9_.-]{3,255}$/);
  });

  it.each([
    ['spaces', 'incident 1'],
    ['an underscore', 'incident_1'],
    ['a leading hyphen', '-incident'],
    ['a slash', 'a/b'],
    ['a NUL byte', 'inc\u00001'],
    ['65 characters', 'a'.repeat(65)],
  ])('refuses an id with %s, naming the field and the format', (_, id) => {
    expect(() => restoreNames('Orders', id)).toThrow(InputError);
    expect(() => restoreNames('Orders', id)).toThrow(
      new RegExp(
        `^incidentId ${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a valid incident id.*letters, digits and hyphens`,
      ),
    );
  });

  it('refuses an empty id', () => {
    expect(() => restoreNames('Orders', '')).toThrow(/^incidentId is empty\. Use 1 to 64/);
  });

  it('refuses an id that would push a long table name past 255 characters, saying how long it may be and why', () => {
    const table = 'T'.repeat(240);
    expect(() => restoreNames(table, 'incident-2025-001')).toThrow(
      /^incidentId "incident-2025-001" is too long for table T+\.\.\. \(240 characters\): the forensic backup name TABLE-forensic-ID must fit in 255 characters\. Use an incident id of at most 5 characters\.$/,
    );
    const names = restoreNames(table, 'inc-1');
    expect(Math.max(...Object.values(names).map((n) => n.length))).toBeLessThanOrEqual(255);
  });

  it("names the table's own limit when the table name is too long for any incident id", () => {
    expect(() => restoreNames('T'.repeat(256), 'inc-1')).toThrow(
      /^tableName "T+"\.\.\. \(256 characters\) is not a valid table name: table names have at most 255 characters\./,
    );
    expect(() => restoreNames('T'.repeat(100_000), 'inc-1')).toThrow(/\(100000 characters\) is not a valid table name/);
    // 245 characters: the table is a valid name, but TABLE-forensic-ID cannot fit even a one-character id.
    expect(() => restoreNames('T'.repeat(245), 'i')).toThrow(
      /^tableName "T+"\.\.\. \(245 characters\) is too long to restore: the forensic backup name TABLE-forensic-ID must fit in 255 characters, so the table name may have at most 244\./,
    );
    expect(restoreNames('T'.repeat(244), 'i').forensicBackupName).toHaveLength(255);
  });

  it('refuses a table name that is not a DynamoDB name before deriving anything', () => {
    for (const table of ['bad name!', '../../package', '/etc/passwd', 'ab', 'Orders\u0000x']) {
      expect(() => restoreNames(table, 'inc-1')).toThrow(/^tableName ".*" is not a valid table name/);
    }
  });
});
