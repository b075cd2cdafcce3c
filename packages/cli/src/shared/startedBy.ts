import { hostname } from 'node:os';
import { operatorName } from '@dynamo-dr/core';

/** Who runs the command, as the journal and the locks record it: the operator (`$DYNAMO_DR_OPERATOR` or the OS user) `@host`. */
export function startedBy(): string {
  return `${operatorName()}@${hostname()}`;
}
