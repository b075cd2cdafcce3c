import path from 'node:path';
import type { IamStore } from '../iam/iamStore.js';
import type { RoleSessions } from '../iam/roleSessions.js';
import { queryString } from '../queryProtocol.js';
import { queryService } from '../queryService.js';
import type { SandboxService } from '../server.js';
import { signingScopeOf } from '../signingScope.js';
import { assumeRole } from './actions/assumeRole.js';
import { getCallerIdentity } from './actions/getCallerIdentity.js';
import type { StsAction } from './stsAction.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The STS operations the sandbox emulates, by `Action=`. */
export const stsActions: Readonly<Record<string, StsAction>> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};

/** STS's Query endpoint (requests signed for service `sts`): the subset that lets an operator act as a role. */
export function stsService(iam: IamStore, sessions: RoleSessions): SandboxService {
  return queryService({
    signingName: 'sts',
    title: 'STS',
    namespace: XMLNS,
    actions: stsActions,
    run: ({ action, params, req }) =>
      action(params, { iam, sessions, caller: sessions.find(signingScopeOf(req)?.accessKeyId) }),
    // GetCallerIdentity needs no permission; AssumeRole needs sts:AssumeRole on the role.
    permissionsFor({ name, params }) {
      const roleArn = queryString(params, 'RoleArn');
      return name === 'AssumeRole' && roleArn ? [{ action: 'sts:AssumeRole', resource: roleArn }] : [];
    },
  });
}

/** Where the role sessions the sandbox issued live in a data directory. */
export const stsStateFile = (dataDir: string | undefined) => dataDir && path.join(dataDir, 'sts.json');
