// An AWS CDK app deploying dynamo-dr's recovery workflows (`cdk deploy`, or run offline: `npx tsx app.ts`).
// - ProdDisasterRecovery: the tables of dynamo-dr.config.json's Prod environment, imported by name; the same
//   stack `dynamo-dr synth --config dynamo-dr.config.json --out DIR` writes as a template.
// - ProdRecoveryOperators: the operators' role, allowed to start and follow recoveries, nothing else.
// - OrdersService: a table this app owns (customer managed key), with its recovery beside it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DisasterRecovery, DisasterRecoveryStack, disasterRecoveryPropsFromConfig } from '@dynamo-dr/cdk';
import { loadConfig } from '@dynamo-dr/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = await loadConfig({ explicitPath: path.join(here, 'dynamo-dr.config.json') });
const app = new App();

const prod = new DisasterRecoveryStack(app, 'ProdDisasterRecovery', {
  recovery: disasterRecoveryPropsFromConfig(config!, 'Prod'),
});

const operators = new Stack(app, 'ProdRecoveryOperators');
const operatorsRole = new iam.Role(operators, 'Operators', {
  roleName: 'prod-dr-operators',
  assumedBy: new iam.AccountRootPrincipal(),
});
prod.recovery.grantStartRecovery(operatorsRole);

const service = new Stack(app, 'OrdersService');
const ordersKey = new kms.Key(service, 'OrdersKey', { enableKeyRotation: true });
const orders = new dynamodb.Table(service, 'Orders', {
  tableName: 'Staging-Orders',
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
  encryptionKey: ordersKey,
});
new DisasterRecovery(service, 'OrdersRecovery', {
  environmentName: 'Staging',
  tables: [{ table: orders, logicalName: 'Orders', mode: 'reset' }],
  alarmTopic: new sns.Topic(service, 'RecoveryAlarms', { enforceSSL: true }),
});

app.synth();
