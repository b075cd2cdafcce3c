// A JSON import, not a read at run time: the build bundles package.json's contents into dist, so a bundled
// copy of core (a Lambda function's) still knows its version with no package.json beside it.
import packageJson from '../../package.json' with { type: 'json' };

/** The version of @dynamo-dr/core, recorded in every manifest so that a file says what wrote it. */
export const TOOL_VERSION: string = packageJson.version;
