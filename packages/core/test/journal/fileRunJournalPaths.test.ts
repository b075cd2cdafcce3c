import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrError, InputError } from '../../src/errors.js';
import { FileCheckpointStore } from '../../src/checkpoint/fileCheckpointStore.js';
import { FileRunJournal } from '../../src/journal/fileRunJournal.js';
import { acquireRecoveryLock } from '../../src/journal/recoveryLock.js';
import { filesUnder } from './filesUnder.js';
import { deadPid, lock } from './journalFixtures.js';

/** A directory holding sentinel files beside the state directory `state/`, which starts empty. */
async function layout(): Promise<{ root: string; stateDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'drpaths-'));
  await writeFile(path.join(root, 'package.json'), '{"name": "sentinel"}\n');
  await writeFile(path.join(root, 'secret.json'), '{"secret": true}\n');
  await mkdir(path.join(root, 'state'));
  return { root, stateDir: path.join(root, 'state') };
}

const run = { incidentId: 'x', kind: 'test', startedAt: 'x' };

/** Names no file may be made of: they climb out, are absolute, hold a NUL byte, or are longer than a file name. */
const badNames = [
  ['climbing out', '../../package'],
  ['absolute', '/etc/passwd'],
  ['with a NUL byte', 'inc\u00001'],
  ['over-long', 'a'.repeat(300)],
] as const;

describe('the file run journal never reaches outside its state directory', () => {
  it.each(badNames)('refuses a run id or table name %s in every call, and touches nothing', async (_, name) => {
    const { root, stateDir } = await layout();
    const before = await filesUnder(root);
    const journal = new FileRunJournal(stateDir);
    const calls = [
      () => journal.getRun(name),
      () => journal.updateRun(name, () => run),
      () => journal.tryLock(lock({ tableName: name })),
      () => journal.readLock(name),
      () => journal.unlock(name),
      () => journal.unlock(name, 'inc-1'),
    ];
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(InputError);
    expect(await filesUnder(root)).toEqual(before);
  });

  it('does not follow a table name read back from a tampered lock file', async () => {
    const { root, stateDir } = await layout();
    const journal = new FileRunJournal(stateDir);
    await journal.tryLock(lock());
    // The lock of Orders now claims another table, held by a process that has exited: a takeover would
    // remove the lock file of the table it names.
    const tampered = lock({ tableName: '../../package', pid: deadPid(), executionId: 'killed' });
    await writeFile(path.join(stateDir, 'locks', 'Orders.json'), JSON.stringify(tampered));
    const before = await filesUnder(root, stateDir);
    await expect(acquireRecoveryLock(journal, lock({ executionId: 'resumed' }))).rejects.toThrow(
      /tableName "\.\.\/\.\.\/package" is not a valid table name/,
    );
    expect(await filesUnder(root, stateDir)).toEqual(before);
  });

  it('refuses a lock file that holds no lock, instead of naming its holder "undefined"', async () => {
    const { stateDir } = await layout();
    await mkdir(path.join(stateDir, 'locks'));
    await writeFile(path.join(stateDir, 'locks', 'Orders.json'), '{"name": "not a lock"}');
    const journal = new FileRunJournal(stateDir);
    await expect(journal.readLock('Orders')).rejects.toThrow(/holds no recovery lock/);
    await expect(journal.listLocks()).rejects.toThrow(/holds no recovery lock/);
  });

  it('says which run file is corrupt instead of failing with a bare JSON error', async () => {
    const { stateDir } = await layout();
    await mkdir(path.join(stateDir, 'runs'));
    await writeFile(path.join(stateDir, 'runs', 'inc-1.json'), '{"incidentId": "inc-1", ');
    const journal = new FileRunJournal(stateDir);
    const read = journal.getRun('inc-1');
    await expect(read).rejects.toBeInstanceOf(DrError);
    await expect(read).rejects.toThrow(/The run journal file .*inc-1\.json is not valid JSON/);
  });

  it('keeps the lock of a table with the longest name DynamoDB allows (255 characters)', async () => {
    const { stateDir } = await layout();
    const journal = new FileRunJournal(stateDir);
    const longest = 'T'.repeat(255);
    await journal.tryLock(lock({ tableName: longest }));
    expect((await journal.readLock(longest))?.tableName).toBe(longest);
    expect(await journal.readLock('T'.repeat(254))).toBeUndefined();
    expect((await journal.listLocks()).map((l) => l.tableName)).toEqual([longest]);
    await journal.unlock(longest);
    expect(await journal.readLock(longest)).toBeUndefined();
  });

  it('opens only a directory, or a path that can become one', async () => {
    const { root, stateDir } = await layout();
    const file = path.join(root, 'secret.json');
    await expect(FileRunJournal.open(file, '--state-dir')).rejects.toThrow(
      /^--state-dir ".*secret\.json" is an existing file, not a directory/,
    );
    await expect(FileRunJournal.open(path.join(file, 'below'), '--state-dir')).rejects.toThrow(
      /is inside .*secret\.json, a file/,
    );
    await expect(FileRunJournal.open('state\u0000dir', '--state-dir')).rejects.toThrow(/contains a NUL byte/);
    await expect(FileRunJournal.open(path.join(root, 'n'.repeat(300)), '--state-dir')).rejects.toThrow(
      /has a name longer than 255 bytes/,
    );
    expect((await FileRunJournal.open(stateDir, '--state-dir')).stateDir).toBe(stateDir);
    expect((await FileRunJournal.open(path.join(root, 'new', 'dir'), '--state-dir')).stateDir).toMatch(/new/);
    expect(await readdir(root)).toEqual(['package.json', 'secret.json', 'state']);
  });
});

describe('the file checkpoint store never reaches outside its directory', () => {
  it('refuses "..", "." and names with a slash, so clear() cannot delete the directory above', async () => {
    const { root, stateDir } = await layout();
    const before = await filesUnder(root);
    const store = new FileCheckpointStore(path.join(stateDir, 'checkpoints'));
    for (const runId of ['..', '.', '../state', 'a/b', 'x\u0000y']) {
      await expect(store.clear(runId)).rejects.toBeInstanceOf(InputError);
      await expect(store.load(runId, 'copy-1-of-4')).rejects.toBeInstanceOf(InputError);
    }
    await expect(store.load('run-1', '../../../package')).rejects.toBeInstanceOf(InputError);
    expect(await filesUnder(root)).toEqual(before);
  });
});
