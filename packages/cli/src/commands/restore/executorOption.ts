import { Option } from '@commander-js/extra-typings';

/** `--executor`: where a restore runs. Without it, on Step Functions when the configuration names a deployed stack. */
export function executorOption(
  defaultIs = 'step-functions when the configuration names a deployment, else in-process',
) {
  return new Option(
    '--executor <executor>',
    `in-process: run the workflow here; step-functions: start the deployed stack's restore machines (default: ${defaultIs})`,
  ).choices(['in-process', 'step-functions']);
}
