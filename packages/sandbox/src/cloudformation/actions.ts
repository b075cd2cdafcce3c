import { createChangeSet } from './actions/createChangeSet.js';
import { createStack } from './actions/createStack.js';
import { deleteChangeSet } from './actions/deleteChangeSet.js';
import { deleteStack } from './actions/deleteStack.js';
import { describeChangeSet } from './actions/describeChangeSet.js';
import { describeStackEvents } from './actions/describeStackEvents.js';
import { describeStackResources } from './actions/describeStackResources.js';
import { describeStacks } from './actions/describeStacks.js';
import { executeChangeSet } from './actions/executeChangeSet.js';
import { getTemplate } from './actions/getTemplate.js';
import { listChangeSets } from './actions/listChangeSets.js';
import { listStackResources } from './actions/listStackResources.js';
import { listStacks } from './actions/listStacks.js';
import { getTemplateSummary, validateTemplate } from './actions/templateSummary.js';
import { updateStack } from './actions/updateStack.js';
import type { CloudFormationAction } from './service.js';

/** The CloudFormation operations the sandbox emulates, by `Action` name. */
export const cloudFormationActions: Readonly<Record<string, CloudFormationAction>> = {
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  DescribeStacks: describeStacks,
  ListStacks: listStacks,
  DescribeStackResources: describeStackResources,
  ListStackResources: listStackResources,
  DescribeStackEvents: describeStackEvents,
  GetTemplate: getTemplate,
  ValidateTemplate: validateTemplate,
  GetTemplateSummary: getTemplateSummary,
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
  ListChangeSets: listChangeSets,
};
