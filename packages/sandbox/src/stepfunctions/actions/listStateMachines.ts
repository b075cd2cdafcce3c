import type { StepFunctionsAction } from '../service.js';
import { pageOf } from './pageOf.js';

/** ListStateMachines, the Region's machines by name (https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html). */
export const listStateMachines: StepFunctionsAction = (request, { store, region }) => {
  const machines = Object.values(store.machines)
    .filter((m) => m.stateMachineArn.split(':')[3] === region)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: m.creationDate }));
  const { items, nextToken } = pageOf(machines, request);
  return { stateMachines: items, ...(nextToken && { nextToken }) };
};
