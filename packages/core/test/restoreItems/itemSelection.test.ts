import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/index.js';
import { parseItemSelection } from '../../src/restoreItems/itemSelection.js';

describe('parseItemSelection', () => {
  it('marshals plain JSON values and takes DynamoDB JSON as it is', () => {
    expect(parseItemSelection({ where: 'begins_with(pk, :rule)', values: '{":rule": "rule#MD-001"}' })).toEqual({
      expression: 'begins_with(pk, :rule)',
      values: { ':rule': { S: 'rule#MD-001' } },
    });
    expect(
      parseItemSelection({
        where: 'begins_with(pk, :rule) AND n > :n',
        values: '{":rule": {"S": "r"}, ":n": {"N": "5"}}',
      }).values,
    ).toEqual({ ':rule': { S: 'r' }, ':n': { N: '5' } });
    expect(
      parseItemSelection({ where: '#s = :s AND n > :n', values: '{":s": "ok", ":n": 5}', names: '{"#s": "status"}' }),
    ).toEqual({
      expression: '#s = :s AND n > :n',
      names: { '#s': 'status' },
      values: { ':s': { S: 'ok' }, ':n': { N: '5' } },
    });
  });

  it.each([
    [{ where: 'begins_with(pk, :rule)' }, 'where', ':rule'],
    [{ where: 'begins_with(pk, :rule)', values: '{":rule": "x", ":extra": 1}' }, 'values', ':extra'],
    [{ where: 'begins_with(pk, :rule)', values: '{":rule": "x"' }, 'values', 'not valid JSON'],
    [{ where: 'begins_with(pk, :rule)', values: '["x"]' }, 'values', 'not a JSON object'],
    [{ where: '#s = :s', values: '{":s": "x"}' }, 'where', '#s'],
    [{ where: 'a = :s', values: '{":s": "x"}', names: '{"#dr_k0": "a"}' }, 'names', 'reserved'],
    [{ where: '   ' }, 'where', 'is empty'],
  ])('%j is refused naming %s', (input, field, text) => {
    const error = (() => {
      try {
        parseItemSelection(input);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).message).toContain(text);
  });
});
