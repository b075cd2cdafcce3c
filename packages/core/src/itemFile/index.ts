export {
  createChangeFileWriter,
  createItemFileWriter,
  type ItemFileWriter,
  type RecordFileWriter,
} from './createItemFileWriter.js';
export { ITEM_CHANGE_KINDS, type ItemChange } from './itemChange.js';
export {
  ITEM_FILE_FORMATS,
  isLosslessKind,
  parseItemFileFormat,
  type ItemFileFormat,
  type ItemFileKind,
} from './itemFileFormat.js';
export {
  manifestPath,
  readItemFileManifest,
  type ItemFileManifest,
  type ItemFileManifestFields,
  type ItemFileSource,
} from './itemFileManifest.js';
export { plainItem } from './plainItem.js';
export { readItemChanges, readItemFile } from './readItemFile.js';
export { TOOL_VERSION } from './toolVersion.js';
export { verifyItemFile, type ItemFileVerification } from './verifyItemFile.js';
