import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { schemaCheck } from '../validation/schemaCheck.js';
import { configJsonSchema, type DrConfig, type TableConfig } from './configSchema.js';

export const CONFIG_FILE_NAME = 'dynamo-dr.config.json';

const checkConfig = schemaCheck<DrConfig>(configJsonSchema);

/**
 * Reads and validates the configuration: `explicitPath` when given (it must
 * exist), else `dynamo-dr.config.json` in `cwd` if there is one, else none.
 *
 * @example
 * const config = await loadConfig({ explicitPath: opts.config });
 * const table = config && findTable(config, 'ProviderTable');
 */
export async function loadConfig(options: { explicitPath?: string; cwd?: string } = {}): Promise<DrConfig | undefined> {
  const file = options.explicitPath ?? path.join(options.cwd ?? process.cwd(), CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!options.explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError('config', file, 'cannot be read', `Check the path (${(error as Error).message}).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError('config', file, 'is not valid JSON', `Fix the syntax: ${(error as Error).message}.`);
  }
  return parseConfig(parsed, file);
}

/**
 * Validates an already-parsed configuration document; `source` names it in errors.
 *
 * @example
 * const config = parseConfig(JSON.parse(text), 'dynamo-dr.json'); // InputError naming the bad setting
 */
export function parseConfig(document: unknown, source = CONFIG_FILE_NAME): DrConfig {
  const checked = checkConfig(document);
  if (checked.ok) return checked.value;
  const { path, value, problem } = checked.problem;
  throw new InputError(
    `${source}${path.length ? ` at /${path.join('/')}` : ''}`,
    value,
    problem === 'is not a known field' ? 'is not a known setting' : problem,
    `See docs/configuration.md for the file's format.`,
  );
}

/** A table as the configuration knows it. */
export interface ConfiguredTable extends TableConfig {
  readonly environment: string;
  readonly logicalName: string;
}

/**
 * Finds a table by its physical name (exact, case included) or its logical name, optionally in one environment.
 *
 * @example
 * findTable(await loadConfig(), 'Orders', 'Prod')?.tableName; // 'Prod-Orders'
 */
export function findTable(config: DrConfig, name: string, inEnvironment?: string): ConfiguredTable | undefined {
  for (const [environment, env] of Object.entries(config.environments)) {
    if (inEnvironment !== undefined && environment !== inEnvironment) continue;
    for (const [logicalName, table] of Object.entries(env.tables ?? {})) {
      if (table.tableName === name || logicalName === name) return { ...table, environment, logicalName };
    }
  }
  return undefined;
}
