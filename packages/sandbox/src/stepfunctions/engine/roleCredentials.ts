import type { IamStore } from '../../iam/iamStore.js';
import type { RoleSessions } from '../../iam/roleSessions.js';
import type { RoleCredentials } from './taskClients.js';

/** How long a state machine's role session lasts, and how long before its end a new one is issued. */
const SESSION_SECONDS = 3600;
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * The credentials Step Functions signs a machine's Task calls with: a session
 * of the machine's role, issued as the service gets one (no trust policy
 * check; a role IAM does not have gets one too, and all its calls are denied),
 * kept per role until shortly before it expires.
 */
export function roleCredentials(iam: IamStore, sessions: RoleSessions): (roleArn: string) => RoleCredentials {
  const issued = new Map<string, { credentials: RoleCredentials; renewAt: number }>();
  return (roleArn) => {
    const kept = issued.get(roleArn);
    if (kept && kept.renewAt > Date.now()) return kept.credentials;
    const session = sessions.issueForService(iam, roleArn, 'StepFunctions', SESSION_SECONDS);
    const credentials = {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    };
    issued.set(roleArn, { credentials, renewAt: session.expiration - RENEW_BEFORE_MS });
    return credentials;
  };
}
