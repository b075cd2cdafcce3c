import { createRequire } from 'node:module';
import { isLambdaResource } from './engine/lambdaTask.js';
import { isDistributed } from './engine/preparedDefinition.js';
import { isStartExecutionResource } from './engine/startExecutionTask.js';
import { sfnErrors } from './sfnErrors.js';

// asl-validator ships no type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options: { checkPaths: boolean; checkArn: boolean },
) => { isValid: boolean; errorsText: (separator: string) => string };

/**
 * Parses and validates a definition as CreateStateMachine does, with asl-validator
 * (InvalidDefinition naming each problem), then refuses what the sandbox cannot
 * run rather than running it wrongly: JSONata and `Assign` (the interpreter would
 * ignore them silently), ItemReader / ResultWriter / ItemBatcher, and Task
 * resources other than Lambda and `states:startExecution`.
 */
export function checkDefinition(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') throw sfnErrors.missing('definition');
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    throw sfnErrors.invalidDefinition(`INVALID_JSON_DESCRIPTION: ${(error as Error).message}`);
  }
  const problems = validationProblems(text, definition);
  if (problems) throw sfnErrors.invalidDefinition(problems);
  const unsupported = unsupportedFeatures(definition as Definition, '');
  if (unsupported.length > 0) {
    throw sfnErrors.invalidDefinition(
      `The dynamo-dr sandbox cannot run this definition: ${unsupported.join('; ')}. Use JSONPath and Lambda or states:startExecution Task states.`,
    );
  }
  return definition as Record<string, unknown>;
}

/**
 * asl-validator compiles its JSON schemas on every call (about a second): its
 * verdicts are kept per definition text, since the same definitions come back
 * (a stack update, an idempotent create).
 */
const verdicts = new Map<string, string | undefined>();
const KEPT_VERDICTS = 200;

function validationProblems(text: string, definition: unknown): string | undefined {
  if (verdicts.has(text)) return verdicts.get(text);
  // The validator writes QueryLanguage into every state it sees: give it a copy.
  const { isValid, errorsText } = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });
  const verdict = isValid ? undefined : errorsText(', ');
  if (verdicts.size >= KEPT_VERDICTS) verdicts.delete(verdicts.keys().next().value as string);
  verdicts.set(text, verdict);
  return verdict;
}

interface Definition {
  readonly QueryLanguage?: string;
  readonly States: Record<string, Record<string, unknown>>;
}

function unsupportedFeatures(definition: Definition, where: string): string[] {
  const found: string[] = [];
  if (definition.QueryLanguage === 'JSONata') found.push(`QueryLanguage JSONata at ${where || '/'}`);
  for (const [name, state] of Object.entries(definition.States)) {
    const at = `${where}/States/${name}`;
    if (state.QueryLanguage === 'JSONata') found.push(`QueryLanguage JSONata at ${at}`);
    for (const field of ['Assign', 'ItemReader', 'ResultWriter', 'ItemBatcher']) {
      if (field in state) found.push(`${field} at ${at}`);
    }
    if (
      state.Type === 'Task' &&
      !isLambdaResource(String(state.Resource)) &&
      !isStartExecutionResource(String(state.Resource))
    ) {
      found.push(`Resource ${String(state.Resource)} at ${at}`);
    }
    const nested = [
      ...((state.Branches as Definition[] | undefined) ?? []),
      ...[state.ItemProcessor ?? state.Iterator].filter((d): d is Definition => d !== undefined),
    ];
    nested.forEach((d, i) =>
      found.push(...unsupportedFeatures(d, state.Branches ? `${at}/Branches/${i}` : `${at}/ItemProcessor`)),
    );
    if (state.Type === 'Map' && isDistributed(state) && !state.ItemProcessor)
      found.push(`Iterator with DISTRIBUTED mode at ${at}`);
  }
  return found;
}
