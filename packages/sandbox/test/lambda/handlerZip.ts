import { zipPackage } from '../../src/lambda/code/zipPackage.js';

/** A deployable zip holding `index.mjs` whose handler returns null: the sandbox runs it, as AWS does. */
export function handlerZip(): Promise<Uint8Array> {
  return zipPackage({ 'index.mjs': 'export const handler = async () => null;\n' });
}
