// A JSON import: the build inlines package.json, so the built CLI reads no file to print its version.
import packageJson from '../package.json' with { type: 'json' };

/** The version of the dynamo-dr command line, as `dynamo-dr --version` prints it. */
export const CLI_VERSION: string = packageJson.version;
