import path from 'node:path';
import { AlarmEvaluator } from './cloudwatch/alarmEvaluator.js';
import { AlarmTransitions } from './cloudwatch/alarmTransitions.js';
import { CloudWatchStore } from './cloudwatch/cloudWatchStore.js';
import { cloudWatchService } from './cloudwatch/service.js';
import { monitoringAdminService } from './monitoringAdminService.js';
import type { SandboxService } from './server.js';
import { publishToTopic } from './sns/publishToTopic.js';
import { snsService } from './sns/service.js';
import { SnsStore, type SnsMessage } from './sns/snsStore.js';

export interface MonitoringOptions {
  /** Where cloudwatch.json and sns.json persist; in memory without one. */
  readonly dataDir?: string;
  /** How often every alarm is evaluated. */
  readonly alarmEvaluationMs: number;
}

/** CloudWatch and SNS, wired together: alarm actions publish to the sandbox's topics. */
export interface Monitoring {
  readonly services: readonly SandboxService[];
  snsMessages(topicArn: string): readonly SnsMessage[];
  evaluateAlarms(): { AlarmName: string; StateValue: string }[];
  stop(): void;
}

/** Opens the monitoring services' state and starts alarm evaluation. */
export function startMonitoring(options: MonitoringOptions): Monitoring {
  const file = (name: string) => options.dataDir && path.join(options.dataDir, name);
  const topics = new SnsStore(file('sns.json'));
  const metrics = new CloudWatchStore(file('cloudwatch.json'));
  const transitions = new AlarmTransitions(metrics, (arn, publication) => publishToTopic(topics, arn, publication));
  const evaluator = new AlarmEvaluator(metrics, transitions, options.alarmEvaluationMs);
  evaluator.start();
  const snsMessages = (topicArn: string) => topics.messages(topicArn);
  const evaluateAlarms = () => evaluator.evaluateAll();
  return {
    services: [
      snsService(topics),
      cloudWatchService({ store: metrics, transitions }),
      monitoringAdminService({ snsMessages, evaluateAlarms }),
    ],
    snsMessages,
    evaluateAlarms,
    stop: () => evaluator.stop(),
  };
}
