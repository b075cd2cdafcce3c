export { parseItemSelection, type ItemSelectionInput } from './itemSelection.js';
export { assertSelectionAccepted } from './assertSelectionAccepted.js';
export { detectItemSourceFormat, type ItemSourceFormat } from './fileSelection.js';
export { ITEM_FATES, type ItemFate } from './reconcileItems.js';
export type { ItemsPreview, ItemsVerification } from './reconcileSelection.js';
export type {
  ExportItemsPlan,
  FileItemsPlan,
  PointInTimeItemsPlan,
  RestoreItemsChoices,
  RestoreItemsPlan,
} from './restoreItemsPlan.js';
export { planExportItems, type ExportItemsRequest } from './planExportItems.js';
export {
  planFileItems,
  planPointInTimeItems,
  type FileItemsRequest,
  type PointInTimeItemsRequest,
} from './planRestoreItems.js';
export * from './restoreItemsRun.js';
export { runRestoreItems, type RestoreItemsOptions, type RestoreItemsResult } from './runRestoreItems.js';
