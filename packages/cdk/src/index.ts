export { DisasterRecovery } from './disasterRecovery.js';
export type { DisasterRecoveryProps, RecoveredTableProps } from './disasterRecoveryProps.js';
export { DisasterRecoveryStack, type DisasterRecoveryStackProps } from './disasterRecoveryStack.js';
export { disasterRecoveryPropsFromConfig } from './configuredRecovery.js';
export { TableRecovery, type TableRecoveryProps } from './tableRecovery.js';
export { TemplateAssetSynthesizer } from './templateAssetSynthesizer.js';
export { recoveryPermissions, type RecoveryPermission, type RecoveryResource } from './recoveryPermissions.js';
export { synthesizeRecoveryTemplate, type SynthesizedRecoveryTemplate } from './synthesizeRecoveryTemplate.js';
