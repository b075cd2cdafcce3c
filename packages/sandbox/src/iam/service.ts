import path from 'node:path';
import { queryString, type QueryTree } from '../queryProtocol.js';
import { queryService } from '../queryService.js';
import type { SandboxService } from '../server.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { attachRolePolicy } from './actions/attachRolePolicy.js';
import { createPolicy } from './actions/createPolicy.js';
import { createRole } from './actions/createRole.js';
import { deletePolicy } from './actions/deletePolicy.js';
import { deleteRole } from './actions/deleteRole.js';
import { deleteRolePolicy } from './actions/deleteRolePolicy.js';
import { detachRolePolicy } from './actions/detachRolePolicy.js';
import { getPolicy } from './actions/getPolicy.js';
import { getPolicyVersion } from './actions/getPolicyVersion.js';
import { getRole } from './actions/getRole.js';
import { getRolePolicy } from './actions/getRolePolicy.js';
import { listAttachedRolePolicies } from './actions/listAttachedRolePolicies.js';
import { listRolePolicies } from './actions/listRolePolicies.js';
import { listRoles } from './actions/listRoles.js';
import { putRolePolicy } from './actions/putRolePolicy.js';
import { simulatePrincipalPolicy } from './actions/simulatePrincipalPolicy.js';
import { createPolicyVersion } from './actions/createPolicyVersion.js';
import { deletePolicyVersion } from './actions/deletePolicyVersion.js';
import { listPolicies } from './actions/listPolicies.js';
import { listPolicyVersions } from './actions/listPolicyVersions.js';
import { tagRole } from './actions/tagRole.js';
import { untagRole } from './actions/untagRole.js';
import { updateAssumeRolePolicy } from './actions/updateAssumeRolePolicy.js';
import { updateRole } from './actions/updateRole.js';
import type { IamAction } from './iamAction.js';
import { customerPolicyArn, type IamStore } from './iamStore.js';

const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** An IAM operation and the resource its `iam:` permission is checked on. */
interface IamOperation {
  readonly run: IamAction;
  readonly resource: (request: QueryTree, store: IamStore) => string;
}

const onRole = (request: QueryTree, store: IamStore) => {
  const name = queryString(request, 'RoleName') ?? '';
  return store.roles[name]?.Arn ?? `arn:aws:iam::${SANDBOX_ACCOUNT}:role${queryString(request, 'Path') ?? '/'}${name}`;
};
const onPolicy = (request: QueryTree) => queryString(request, 'PolicyArn') ?? '*';
const onAnything = () => '*';

/** The IAM operations the sandbox emulates, by `Action=`. */
export const iamOperations: Readonly<Record<string, IamOperation>> = {
  CreateRole: { run: createRole, resource: onRole },
  GetRole: { run: getRole, resource: onRole },
  DeleteRole: { run: deleteRole, resource: onRole },
  ListRoles: { run: listRoles, resource: onAnything },
  UpdateRole: { run: updateRole, resource: onRole },
  UpdateAssumeRolePolicy: { run: updateAssumeRolePolicy, resource: onRole },
  TagRole: { run: tagRole, resource: onRole },
  UntagRole: { run: untagRole, resource: onRole },
  PutRolePolicy: { run: putRolePolicy, resource: onRole },
  GetRolePolicy: { run: getRolePolicy, resource: onRole },
  DeleteRolePolicy: { run: deleteRolePolicy, resource: onRole },
  ListRolePolicies: { run: listRolePolicies, resource: onRole },
  CreatePolicy: {
    run: createPolicy,
    resource: (request) =>
      customerPolicyArn(queryString(request, 'Path') ?? '/', queryString(request, 'PolicyName') ?? ''),
  },
  GetPolicy: { run: getPolicy, resource: onPolicy },
  GetPolicyVersion: { run: getPolicyVersion, resource: onPolicy },
  DeletePolicy: { run: deletePolicy, resource: onPolicy },
  ListPolicies: { run: listPolicies, resource: onAnything },
  CreatePolicyVersion: { run: createPolicyVersion, resource: onPolicy },
  DeletePolicyVersion: { run: deletePolicyVersion, resource: onPolicy },
  ListPolicyVersions: { run: listPolicyVersions, resource: onPolicy },
  AttachRolePolicy: { run: attachRolePolicy, resource: onRole },
  DetachRolePolicy: { run: detachRolePolicy, resource: onRole },
  ListAttachedRolePolicies: { run: listAttachedRolePolicies, resource: onRole },
  SimulatePrincipalPolicy: {
    run: simulatePrincipalPolicy,
    resource: (request) => queryString(request, 'PolicySourceArn') ?? '*',
  },
};

/**
 * IAM's Query endpoint (requests signed for service `iam`); state in memory, and in `{dataDir}/iam.json`
 * when a data directory is given.
 */
export function iamService(store: IamStore): SandboxService {
  return queryService({
    signingName: 'iam',
    title: 'IAM',
    namespace: XMLNS,
    actions: iamOperations,
    run: ({ action, params }) => action.run(params, store),
    permissionsFor({ name, action, params }) {
      const permission = { action: `iam:${name}`, resource: action.resource(params, store) };
      const policyArn = queryString(params, 'PolicyArn');
      return [policyArn ? { ...permission, context: { 'iam:PolicyARN': [policyArn] } } : permission];
    },
  });
}

/** Where IAM's state lives in a data directory. */
export const iamStateFile = (dataDir: string | undefined) => dataDir && path.join(dataDir, 'iam.json');
