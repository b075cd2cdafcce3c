import { readFileSync } from 'node:fs';

/** The version of @dynamo-dr/core, recorded in every manifest so that a file says what wrote it. */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
