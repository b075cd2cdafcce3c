import { queryServiceDenial, type RequiredPermission } from './iam/serviceAuthorization.js';
import {
  queryErrorResponse,
  queryParameters,
  queryResponse,
  queryString,
  unknownQueryAction,
  type QueryTree,
} from './queryProtocol.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from './server.js';
import { signingScopeOf } from './signingScope.js';

/** One request of a Query-protocol service, as its actions and its IAM mapping read it. */
export interface QueryCall<Action> {
  /** The `Action=` parameter, e.g. `CreateTopic`. */
  readonly name: string;
  /** The service's handler for it. */
  readonly action: Action;
  readonly params: QueryTree;
  readonly req: SandboxRequest;
}

/** How a Query-protocol service (requests signed for its service, `Action=…` in a form body) is served. */
export interface QueryServiceSpec<Action> {
  /** The service its requests are signed for (`sns`), also its name in the sandbox. */
  readonly signingName: string;
  /** The service as messages name it (`SNS`). */
  readonly title: string;
  /** The XML namespace of its answers. */
  readonly namespace: string;
  readonly actions: Readonly<Record<string, Action>>;
  /** Runs one call: the `…Result` members, or undefined for an action with no output. */
  run(call: QueryCall<Action>): Readonly<Record<string, unknown>> | undefined | Promise<unknown>;
  /** The IAM permissions one call needs (see iam/serviceAuthorization.ts); an unknown action needs none. */
  permissionsFor(call: QueryCall<Action>): readonly RequiredPermission[];
}

/** A service speaking AWS's Query protocol: dispatch by `Action=` to an action table, XML out, 403 refusals. */
export function queryService<Action>(spec: QueryServiceSpec<Action>): SandboxService {
  const callOf = (req: SandboxRequest) => {
    const params = queryParameters(req);
    const name = queryString(params, 'Action') ?? '';
    const action = spec.actions[name];
    return { name, call: action === undefined ? undefined : { name, action, params, req } };
  };
  return {
    name: spec.signingName,
    matches: (req) => signingScopeOf(req)?.service === spec.signingName,
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const { name, call } = callOf(req);
      if (!call) throw unknownQueryAction(spec.title, name);
      const result = (await spec.run(call)) as Readonly<Record<string, unknown>> | undefined;
      return queryResponse(spec.namespace, name, result);
    },
    errorResponse: (error) => queryErrorResponse(spec.namespace, error),
    authorization: {
      permissionsFor(req) {
        const { call } = callOf(req);
        return call ? spec.permissionsFor(call) : [];
      },
      denied: queryServiceDenial,
    },
  };
}
