import path from 'node:path';
import { AlarmEvaluator } from './cloudwatch/alarmEvaluator.js';
import { alarmStateEvent } from './cloudwatch/alarmStateEvent.js';
import { AlarmTransitions } from './cloudwatch/alarmTransitions.js';
import { CloudWatchStore } from './cloudwatch/cloudWatchStore.js';
import { cloudWatchService } from './cloudwatch/service.js';
import { recordingCloudTrail } from './events/cloudTrailEvents.js';
import { EventBus } from './events/eventBus.js';
import { EventsStore } from './events/eventsStore.js';
import { eventsService } from './events/service.js';
import { monitoringAdminService } from './monitoringAdminService.js';
import type { SandboxService } from './server.js';
import { publishToTopic, type TopicPublisher } from './sns/publishToTopic.js';
import { snsService } from './sns/service.js';
import { SnsStore, type SnsMessage } from './sns/snsStore.js';

export interface MonitoringOptions {
  /** Where cloudwatch.json, sns.json and events.json persist; in memory without one. */
  readonly dataDir?: string;
  /** How often every alarm is evaluated. */
  readonly alarmEvaluationMs: number;
}

/**
 * CloudWatch, SNS and EventBridge, wired as on AWS: alarm actions and rule
 * targets publish to the sandbox's topics, alarm state changes and DynamoDB's
 * control-plane calls (as CloudTrail records) go to the event bus.
 */
export interface Monitoring {
  readonly services: readonly SandboxService[];
  /** Wraps the DynamoDB service so that its control-plane calls reach the event bus. */
  recordCloudTrail(dynamodb: SandboxService): SandboxService;
  snsMessages(topicArn: string): readonly SnsMessage[];
  evaluateAlarms(): { AlarmName: string; StateValue: string }[];
  stop(): void;
}

/** Opens the monitoring services' state and starts alarm evaluation. */
export function startMonitoring(options: MonitoringOptions): Monitoring {
  const file = (name: string) => options.dataDir && path.join(options.dataDir, name);
  const topics = new SnsStore(file('sns.json'));
  const publish: TopicPublisher = (arn, publication) => void publishToTopic(topics, arn, publication);
  const rules = new EventsStore(file('events.json'));
  const bus = new EventBus(rules, publish);
  const metrics = new CloudWatchStore(file('cloudwatch.json'));
  const transitions = new AlarmTransitions(metrics, publish, (change) =>
    bus.put(change.region, alarmStateEvent(change)),
  );
  const evaluator = new AlarmEvaluator(metrics, transitions, options.alarmEvaluationMs);
  evaluator.start();
  const snsMessages = (topicArn: string) => topics.messages(topicArn);
  const evaluateAlarms = () => evaluator.evaluateAll();
  return {
    services: [
      snsService(topics),
      cloudWatchService({ store: metrics, transitions }),
      eventsService({ store: rules, bus }),
      monitoringAdminService({ snsMessages, evaluateAlarms }),
    ],
    recordCloudTrail: (dynamodb) => recordingCloudTrail(dynamodb, bus),
    snsMessages,
    evaluateAlarms,
    stop: () => evaluator.stop(),
  };
}
