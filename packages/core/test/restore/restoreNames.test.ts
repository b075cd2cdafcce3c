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
    ['nothing', ''],
    ['65 characters', 'a'.repeat(65)],
  ])('refuses an id with %s, naming the field and the format', (_, id) => {
    expect(() => restoreNames('Orders', id, { incidentId: '--incident' })).toThrow(InputError);
    expect(() => restoreNames('Orders', id, { incidentId: '--incident' })).toThrow(
      new RegExp(
        `^--incident ${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not a valid incident id.*letters, digits and hyphens`,
      ),
    );
  });

  it('refuses an id that would push a long table name past 255 characters, saying how long it may be', () => {
    const table = 'T'.repeat(240);
    expect(() => restoreNames(table, 'incident-2025-001')).toThrow(/exceed 255 characters\. Use at most 5 characters/);
    const names = restoreNames(table, 'inc-1');
    expect(Math.max(...Object.values(names).map((n) => n.length))).toBeLessThanOrEqual(255);
  });
});
