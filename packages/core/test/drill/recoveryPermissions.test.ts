import { describe, expect, it } from 'vitest';
import { recoveryPermissions } from '../../src/drill/recoveryPermissions.js';
import { recoveryPermissions as deployedPermissions } from '../../src/restore/recoveryPermissions.js';
import { defaultRestoreSettings } from '../../src/restore/restorePlan.js';

const where = {
  account: '111122223333',
  region: 'eu-west-1',
  tableName: 'Orders',
  restoredTableName: 'Orders-dr-drill',
  indexNames: [],
};
const table = 'arn:aws:dynamodb:eu-west-1:111122223333:table';

describe('drill --plan: what the caller of a restore in place needs', () => {
  it("is what the worker's role on AWS allows on the table, its temporary table and backups (the same steps), the journal aside", () => {
    const needed = recoveryPermissions('in-place', where);
    const actionsOn = (resource: string) => needed.filter((p) => p.resource === resource).map((p) => p.action);
    const { worker } = deployedPermissions(
      { ...defaultRestoreSettings, tableName: 'Orders', logicalName: 'Orders' },
      { region: 'eu-west-1', account: '111122223333', journalTableName: 'dr-journal', handlerFunctionArn: 'fn' },
    );
    const deployed = (resource: string) =>
      worker.filter((s) => s.resources.includes(resource)).flatMap((s) => s.actions);
    // The delta sync reads both tables in batches: a caller denied BatchGetItem could not restore in place.
    expect(actionsOn(`${table}/Orders`)).toEqual(expect.arrayContaining(deployed(`${table}/Orders`)));
    expect(actionsOn(`${table}/Orders`)).toContain('dynamodb:BatchGetItem');
    expect(actionsOn(`${table}/Orders-dr-drill`)).toEqual(expect.arrayContaining(deployed(`${table}/Orders-dr-*`)));
    expect(actionsOn(`${table}/Orders/backup/*`)).toEqual(deployed(`${table}/Orders/backup/*`));
    expect(actionsOn('*')).toEqual(['dynamodb:ListBackups']);
    expect(needed.some((p) => p.resource.endsWith('/dr-journal'))).toBe(false);
    // Each action on each resource once.
    const keys = needed.map((p) => `${p.action} ${p.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
