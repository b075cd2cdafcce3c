import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DisasterRecovery } from './disasterRecovery.js';
import type { DisasterRecoveryProps } from './disasterRecoveryProps.js';

/** Props of {@link DisasterRecoveryStack}: a stack's, and the construct's. */
export interface DisasterRecoveryStackProps extends StackProps {
  readonly recovery: DisasterRecoveryProps;
}

/**
 * A stack holding only {@link DisasterRecovery}: what `dynamo-dr synth` writes as a template, and what a CDK app
 * deploys with `cdk deploy`. No CDK metadata resource, so that the template is the stack's resources alone.
 *
 * @example
 * const config = await loadConfig({ explicitPath: 'dynamo-dr.config.json' });
 * new DisasterRecoveryStack(app, 'ProdDisasterRecovery', { recovery: disasterRecoveryPropsFromConfig(config!, 'Prod') });
 */
export class DisasterRecoveryStack extends Stack {
  readonly recovery: DisasterRecovery;

  constructor(scope: Construct, id: string, props: DisasterRecoveryStackProps) {
    const { recovery, ...stackProps } = props;
    super(scope, id, {
      analyticsReporting: false,
      description: `dynamo-dr recovery workflows of ${recovery.environmentName}`,
      ...stackProps,
    });
    this.recovery = new DisasterRecovery(this, 'DisasterRecovery', recovery);
  }
}
