import { createHash } from 'node:crypto';
import { JsonStateFile } from '../jsonStateFile.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { awsId, awsSecret } from './awsIds.js';
import type { IamStore } from './iamStore.js';

/** Temporary credentials the sandbox issued for a role, and who they stand for. */
export interface RoleSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly roleId: string;
  readonly sessionName: string;
  /** Milliseconds since the epoch. */
  readonly expiration: number;
}

/** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`: the principal a role session acts as. */
export function assumedRoleArn(session: Pick<RoleSession, 'roleName' | 'sessionName'>): string {
  return `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/${session.roleName}/${session.sessionName}`;
}

/**
 * Every role session the sandbox issued (STS AssumeRole and Lambda execution environments), in memory or in
 * `file` so that credentials handed out before a restart keep standing for their role after it: an
 * unknown key is treated as the operator's, so forgetting a role's key would widen what it may do.
 */
export class RoleSessions {
  private readonly state: JsonStateFile<{ sessions: Record<string, RoleSession> }>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({ sessions: {} }));
  }

  issue(
    role: { arn: string; name: string; roleId: string },
    sessionName: string,
    durationSeconds: number,
  ): RoleSession {
    const now = Date.now();
    for (const [key, session] of Object.entries(this.state.data.sessions)) {
      if (session.expiration < now) delete this.state.data.sessions[key];
    }
    const session: RoleSession = {
      accessKeyId: awsId('ASIA', 20),
      secretAccessKey: awsSecret(30),
      sessionToken: awsSecret(120),
      roleArn: role.arn,
      roleName: role.name,
      roleId: role.roleId,
      sessionName,
      expiration: now + durationSeconds * 1000,
    };
    this.state.data.sessions[session.accessKeyId] = session;
    this.state.save();
    return session;
  }

  /**
   * Credentials for a role as an AWS service gets them when it acts with the role (Lambda for a function,
   * Step Functions for a state machine): no trust policy check, and a role IAM does not have gets a session
   * too, whose requests are then all denied (it has no policy).
   */
  issueForService(iam: IamStore, roleArn: string, sessionName: string, durationSeconds: number): RoleSession {
    const role = iam.roleByArn(roleArn);
    const name = role?.RoleName ?? roleArn.split('/').at(-1) ?? roleArn;
    const roleId =
      role?.RoleId ?? `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
    return this.issue({ arn: roleArn, name, roleId }, sessionName, durationSeconds);
  }

  /** The session of an access key id the sandbox issued; undefined for any other key (the operator's). */
  find(accessKeyId: string | undefined): RoleSession | undefined {
    return accessKeyId === undefined ? undefined : this.state.data.sessions[accessKeyId];
  }
}
