export {
  previousParameterName,
  rollbackSwitch,
  SECRET_NOT_RECORDED,
  type SavedSwitch,
  type SwitchPlan,
  type SwitchRollback,
} from './parameterSwitch.js';
export { planRestoreAs, type RestoreAsRequest } from './planRestoreAs.js';
export type { RestoreAsPlan, SettingName, SettingReport } from './restoreAsPlan.js';
export { runRestoreAs, type RestoreAsResult, type RunRestoreAsOptions } from './runRestoreAs.js';
export type { TableSettings } from './tableSettings.js';
export { restoreAsClients } from './restoreAsClients.js';
export {
  recordRollback,
  type RecordedSwitch,
  type RestoreAsContext,
  type RestoreAsRun,
  type RestoreAsTableRun,
} from './restoreAsRun.js';
