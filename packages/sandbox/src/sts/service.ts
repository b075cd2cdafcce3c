import path from 'node:path';
import type { IamStore } from '../iam/iamStore.js';
import type { RoleSessions } from '../iam/roleSessions.js';
import { queryServiceDenial } from '../iam/serviceAuthorization.js';
import {
  queryErrorResponse,
  queryParameters,
  queryResponse,
  queryString,
  unknownQueryAction,
} from '../queryProtocol.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from '../server.js';
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
  return {
    name: 'sts',
    matches: (req) => signingScopeOf(req)?.service === 'sts',
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const request = queryParameters(req);
      const name = queryString(request, 'Action') ?? '';
      const action = stsActions[name];
      if (!action) throw unknownQueryAction('STS', name);
      const caller = sessions.find(signingScopeOf(req)?.accessKeyId);
      return queryResponse(XMLNS, name, action(request, { iam, sessions, caller }));
    },
    errorResponse: (error) => queryErrorResponse(XMLNS, error),
    authorization: {
      // GetCallerIdentity needs no permission; AssumeRole needs sts:AssumeRole on the role.
      permissionsFor(req) {
        const request = queryParameters(req);
        const roleArn = queryString(request, 'RoleArn');
        return queryString(request, 'Action') === 'AssumeRole' && roleArn
          ? [{ action: 'sts:AssumeRole', resource: roleArn }]
          : [];
      },
      denied: queryServiceDenial,
    },
  };
}

/** Where the role sessions the sandbox issued live in a data directory. */
export const stsStateFile = (dataDir: string | undefined) => dataDir && path.join(dataDir, 'sts.json');
