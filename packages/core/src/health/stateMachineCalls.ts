import { paginateListStateMachines, type SFNClient } from '@aws-sdk/client-sfn';

/** The names of every state machine in the region (ListStateMachines, all pages). */
export async function listStateMachineNames(sfn: SFNClient): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const page of paginateListStateMachines({ client: sfn }, {})) {
    for (const machine of page.stateMachines ?? []) if (machine.name) names.add(machine.name);
  }
  return names;
}
