import { InputError } from '@dynamo-dr/core';
import { expect, it } from 'vitest';
import { latencyFromFlags } from '../../src/commands/sandbox/latencyFlags.js';

it('reads --latency as a delay for every request or one table, for every class or one, a class on its own winning', () => {
  expect(latencyFromFlags(['5-10ms', 'scan:20ms', 'orders=write:1.5-3', 'events=7ms'])).toEqual({
    global: {
      read: { fixedMs: 5, jitterMs: 5 },
      write: { fixedMs: 5, jitterMs: 5 },
      scan: { fixedMs: 20, jitterMs: 0 },
      control: { fixedMs: 5, jitterMs: 5 },
    },
    tables: {
      orders: { write: { fixedMs: 1.5, jitterMs: 1.5 } },
      events: Object.fromEntries(['read', 'write', 'scan', 'control'].map((c) => [c, { fixedMs: 7, jitterMs: 0 }])),
    },
  });
  expect(latencyFromFlags([])).toEqual({ global: undefined, tables: {} });
});

it('refuses a bad --latency naming the flag, the value and the fix', () => {
  const refused = (values: string[]) => {
    try {
      latencyFromFlags(values);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message;
    }
    throw new Error(`accepted ${values.join(' ')}`);
  };
  expect(refused(['fast'])).toMatch(
    /^--latency "fast" is not a delay\. Give --latency \[TABLE=\]\[CLASS:\]MIN\[-MAX\]ms/,
  );
  expect(refused(['10-5ms'])).toContain('--latency "10-5ms" has its longest delay before its shortest.');
  expect(refused(['reads:5ms'])).toContain(
    '--latency "reads:5ms" names no operation class (read, write, scan, control).',
  );
  expect(refused(['5ms', '6ms'])).toContain(
    '--latency "6ms" repeats a delay already given. Give --latency once per table and class.',
  );
  expect(refused(['no!=5ms'])).toContain('--latency "no!=5ms" names a table that is not a DynamoDB table name');
  expect(refused(['write:90000ms'])).toContain(
    '--latency "write:90000ms" gives latency.write.fixedMs 90000, which is not a number of milliseconds from 0 to 60000.',
  );
});
