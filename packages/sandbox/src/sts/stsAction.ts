import type { IamStore } from '../iam/iamStore.js';
import type { RoleSession, RoleSessions } from '../iam/roleSessions.js';
import type { QueryTree } from '../queryProtocol.js';

/** What an STS operation works with: IAM's roles, the sessions, and the caller (undefined: the operator). */
export interface StsContext {
  readonly iam: IamStore;
  readonly sessions: RoleSessions;
  readonly caller: RoleSession | undefined;
}

export type StsAction = (request: QueryTree, context: StsContext) => Record<string, unknown>;
