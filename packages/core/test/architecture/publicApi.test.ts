import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';

const INDEX = path.resolve(import.meta.dirname, '../../src/index.ts');

/** The runtime names of the index whose declaration carries no `@example` in its TSDoc. */
function namesWithoutExample(): string[] {
  const program = ts.createProgram([INDEX], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
  return checker
    .getExportsOfModule(index)
    .filter((symbol) => symbol.name in core)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return !(target.getJsDocTags(checker) ?? []).some((tag) => tag.name === 'example');
    })
    .map((symbol) => symbol.name)
    .sort();
}

// The index is the package's contract: what it exports a user may rely on, so each name shows its use.
describe('the public API of @dynamo-dr/core', () => {
  it('documents every runtime export with an example', () => {
    expect(namesWithoutExample()).toEqual([]);
  });

  it('keeps the engine, workflow and journal internals out', () => {
    const internals = [
      'installPromiseWithResolvers',
      'handlerTask',
      'beginTableRun',
      'workflowLambdaHandler',
      'planTableRestore',
    ];
    expect(internals.filter((name) => name in core)).toEqual([]);
  });
});
