import { createHash } from 'node:crypto';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  paginateGetParametersByPath,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { DrError } from '../errors.js';
import { SAVED_STATE_FORMAT, type SavedState } from './savedState.js';

/**
 * A standard-tier parameter holds 4 KB; a saved state for many functions is
 * larger, so its entries are split across `{parameter}/{digest}/1..n` and the
 * head parameter, written last, commits them (count and digest) with the
 * metadata. Parts are named by their content's digest so that saving a new
 * version never overwrites the parts the current head still refers to.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html
 */
const PART_CHARS = 4000;

interface Head {
  readonly format: string;
  readonly environment: string;
  readonly since: string;
  readonly by: string;
  readonly parts: number;
  readonly sha256: string;
}

/**
 * Saves the state durably: parts first, then the head, then the parts of
 * the version it replaces are deleted. Until the head is written the previous
 * version (or none) stands, so a crash midway never leaves a half state.
 */
export async function saveState(ssm: SSMClient, parameter: string, state: SavedState): Promise<void> {
  const body = JSON.stringify({ functions: state.functions, mappings: state.mappings });
  const parts = body.match(new RegExp(`[\\s\\S]{1,${PART_CHARS}}`, 'g')) ?? [''];
  const sha256 = digest(body);
  for (const [i, part] of parts.entries()) {
    await ssm.send(
      new PutParameterCommand({
        Name: partName(parameter, sha256, i + 1),
        Value: part,
        Type: 'String',
        Overwrite: true,
      }),
    );
  }
  const head: Head = {
    format: SAVED_STATE_FORMAT,
    environment: state.environment,
    since: state.since,
    by: state.by,
    parts: parts.length,
    sha256,
  };
  await ssm.send(
    new PutParameterCommand({
      Name: parameter,
      Value: JSON.stringify(head),
      Type: 'String',
      Overwrite: true,
      Description: `dynamo-dr recovery mode of ${state.environment}: do not edit; \`dynamo-dr recovery-mode end\` restores and deletes it`,
    }),
  );
  await deleteParts(ssm, parameter, (name) => !name.startsWith(`${parameter}/${sha256.slice(0, PART_PREFIX)}/`));
}

/** The saved state, or undefined when the environment is not in recovery mode. */
export async function loadState(ssm: SSMClient, parameter: string): Promise<SavedState | undefined> {
  const headText = await getValue(ssm, parameter);
  if (headText === undefined) return undefined;
  const head = parse<Head>(headText, parameter);
  if (head.format !== SAVED_STATE_FORMAT) {
    throw corrupt(parameter, `its format is ${JSON.stringify(head.format)}, not ${SAVED_STATE_FORMAT}`);
  }
  let body = '';
  for (let i = 1; i <= head.parts; i++) {
    const name = partName(parameter, head.sha256, i);
    const part = await getValue(ssm, name);
    if (part === undefined) throw corrupt(parameter, `part ${name} is missing`);
    body += part;
  }
  if (digest(body) !== head.sha256) throw corrupt(parameter, 'its parts do not match the digest in its head');
  const entries = parse<Pick<SavedState, 'functions' | 'mappings'>>(body, parameter);
  return {
    format: SAVED_STATE_FORMAT,
    environment: head.environment,
    since: head.since,
    by: head.by,
    functions: entries.functions,
    mappings: entries.mappings,
  };
}

/**
 * Deletes the head first (from then on the environment is out of recovery
 * mode), then every part; parts a crash leaves behind are never read again.
 */
export async function clearState(ssm: SSMClient, parameter: string): Promise<void> {
  await deleteIfPresent(ssm, parameter);
  await deleteParts(ssm, parameter, () => true);
}

const PART_PREFIX = 16;

function partName(parameter: string, sha256: string, index: number): string {
  return `${parameter}/${sha256.slice(0, PART_PREFIX)}/${index}`;
}

async function deleteParts(ssm: SSMClient, parameter: string, select: (name: string) => boolean): Promise<void> {
  const names: string[] = [];
  for await (const page of paginateGetParametersByPath({ client: ssm }, { Path: parameter, Recursive: true })) {
    for (const p of page.Parameters ?? []) if (p.Name && select(p.Name)) names.push(p.Name);
  }
  for (const name of names) await deleteIfPresent(ssm, name);
}

async function getValue(ssm: SSMClient, name: string): Promise<string | undefined> {
  try {
    return (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value;
  } catch (error) {
    if (error instanceof ParameterNotFound) return undefined;
    throw error;
  }
}

async function deleteIfPresent(ssm: SSMClient, name: string): Promise<void> {
  try {
    await ssm.send(new DeleteParameterCommand({ Name: name }));
  } catch (error) {
    if (!(error instanceof ParameterNotFound)) throw error;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function parse<T>(text: string, parameter: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw corrupt(parameter, 'it is not JSON');
  }
}

function corrupt(parameter: string, why: string): DrError {
  return new DrError(`The saved recovery-mode state in SSM parameter ${parameter} cannot be read: ${why}.`, {
    hint: `Nothing was changed. Inspect it with \`aws ssm get-parameters-by-path --path ${parameter} --recursive\` and \`aws ssm get-parameter --name ${parameter}\`; it holds each held function's previous reserved concurrency.`,
  });
}
