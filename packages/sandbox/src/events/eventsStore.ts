import { JsonStateFile } from '../jsonStateFile.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { busNotFound } from './eventsErrors.js';

/** A target as PutTargets took it (Id, Arn, and how its input is made). */
export interface TargetRecord {
  readonly Id: string;
  readonly Arn: string;
  readonly RoleArn?: string;
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
}

/** A rule as DescribeRule returns it, plus its targets. */
export interface RuleRecord {
  readonly Name: string;
  readonly Arn: string;
  readonly EventBusName: string;
  readonly EventPattern?: string;
  readonly ScheduleExpression?: string;
  readonly State: string;
  readonly Description?: string;
  readonly RoleArn?: string;
  targets: TargetRecord[];
}

/** Rules per Region (of the default event bus, the only one the sandbox has), in memory or in `file`. */
export class EventsStore {
  private readonly state: JsonStateFile<Record<string, Record<string, RuleRecord>>>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({}));
  }

  rules(region: string): Record<string, RuleRecord> {
    return (this.state.data[region] ??= {});
  }

  /** Persists after a change. */
  save(): void {
    this.state.save();
  }
}

/** The bus a request names (by name or ARN): the default bus, or ResourceNotFoundException. */
export function checkBus(name: unknown, region: string): 'default' {
  if (name === undefined || name === 'default' || name === defaultBusArn(region)) return 'default';
  throw busNotFound(String(name));
}

export function defaultBusArn(region: string): string {
  return `arn:aws:events:${region}:${SANDBOX_ACCOUNT}:event-bus/default`;
}

export function ruleArn(region: string, name: string): string {
  return `arn:aws:events:${region}:${SANDBOX_ACCOUNT}:rule/${name}`;
}
