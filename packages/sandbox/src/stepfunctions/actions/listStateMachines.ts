import type { StepFunctionsAction } from '../service.js';
import { sfnPage } from './sfnPage.js';

/** ListStateMachines, the Region's machines by name (https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html). */
export const listStateMachines: StepFunctionsAction = (request, { store, region }) => {
  const machines = Object.values(store.machines)
    .filter((m) => m.stateMachineArn.split(':')[3] === region)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: m.creationDate }));
  const { items, nextToken } = sfnPage(machines, request);
  return { stateMachines: items, ...(nextToken && { nextToken }) };
};
