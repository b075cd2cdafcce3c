import { expect, it } from 'vitest';
import type { DynamoEngine } from '../../src/dynamodb/service.js';
import { FaultMiddleware } from '../../src/faults/faultMiddleware.js';

// A unit test of the dispatch alone: these requests must never reach the engine (the HTTP tests use the real one).
const noEngine: DynamoEngine = {
  call: () => Promise.reject(new Error('the engine was called')),
  keyNames: () => Promise.reject(new Error('the engine was called')),
};

// The DynamoDB service skips an inactive middleware and streams requests to dynalite unparsed
// (packages/sandbox/src/dynamodb/service.ts), so "inactive" is what makes a fault-free sandbox cost nothing.
it('is inactive without faults, and again once they are cleared', () => {
  const faults = new FaultMiddleware();
  expect(faults.active()).toBe(false);
  faults.set('orders', { throttleRate: 0.5 });
  expect(faults.active()).toBe(true);
  faults.set('orders', undefined);
  expect(faults.active()).toBe(false);
});

it('hands requests for tables without faults, and control-plane calls, to the next layer untouched', async () => {
  const faults = new FaultMiddleware({ orders: { throttleRate: 1 } });
  const seen: unknown[] = [];
  const next = (request: Record<string, unknown>) => {
    seen.push(request);
    return Promise.resolve({ ok: true });
  };
  const put = { TableName: 'other', Item: { pk: { S: 'a' } } };
  const describe = { TableName: 'orders' };
  expect(await faults.handle('PutItem', put, next, noEngine)).toEqual({ ok: true });
  expect(await faults.handle('DescribeTable', describe, next, noEngine)).toEqual({ ok: true });
  expect(seen[0]).toBe(put);
  expect(seen[1]).toBe(describe);
});
