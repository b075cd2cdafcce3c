import { describe, expect, it } from 'vitest';
import { InputError, parseConfig, recoveryModeSettings } from '../../src/index.js';
import { selectionOf } from '../../src/recoveryMode/recoveryModeSettings.js';

describe('which functions recovery mode holds', () => {
  it('with no configuration: ENV- names, minus DisasterRecovery names and dynamo-dr:role=recovery tags', () => {
    const settings = recoveryModeSettings(undefined, 'Prod');
    expect(settings.stateParameter).toBe('/dynamo-dr/Prod/recovery-mode');
    expect(selectionOf(settings, 'Prod-Api', {})).toBe('held');
    expect(selectionOf(settings, 'Production-Api', {})).toBe('outside');
    expect(selectionOf(settings, 'Staging-Api', {})).toBe('outside');
    expect(selectionOf(settings, 'Prod-DisasterRecoveryRestore', {})).toBe('recovery');
    expect(selectionOf(settings, 'Prod-Auditor', { 'dynamo-dr:role': 'recovery' })).toBe('recovery');
  });

  it('with a configuration: by tags alone when no prefix is set, with its own exclusions and parameter', () => {
    const config = parseConfig({
      environments: {
        Prod: {
          production: true,
          recoveryMode: {
            functionTags: { app: 'orders', stage: 'prod' },
            excludeNameContains: ['Restore'],
            excludeTags: { dr: 'keep' },
            stateParameter: '/ops/prod/hold',
          },
        },
      },
    });
    const settings = recoveryModeSettings(config, 'Prod');
    expect(settings).toMatchObject({
      production: true,
      functionNamePrefix: undefined,
      stateParameter: '/ops/prod/hold',
    });
    expect(selectionOf(settings, 'orders-api-1', { app: 'orders', stage: 'prod' })).toBe('held');
    expect(selectionOf(settings, 'orders-api-2', { app: 'orders', stage: 'dev' })).toBe('outside');
    expect(selectionOf(settings, 'orders-Restore', { app: 'orders', stage: 'prod' })).toBe('recovery');
    expect(selectionOf(settings, 'orders-x', { app: 'orders', stage: 'prod', dr: 'keep' })).toBe('recovery');
    // The default exclusions are replaced, not added to.
    expect(selectionOf(settings, 'DisasterRecovery', { app: 'orders', stage: 'prod' })).toBe('held');
  });

  it('refuses an environment the configuration does not list, naming those it does', () => {
    const config = parseConfig({ environments: { Prod: {}, Staging: {} } });
    expect(() => recoveryModeSettings(config, 'prod')).toThrow(InputError);
    expect(() => recoveryModeSettings(config, 'prod')).toThrow(
      'environment "prod" is not in the configuration. Use one of: Prod, Staging (names are case-sensitive), or add it to dynamo-dr.config.json.',
    );
    expect(() => recoveryModeSettings(undefined, 'Prod env')).toThrow(
      /environment "Prod env" is not a valid environment name/,
    );
  });

  it('refuses a state parameter that is not a full SSM path', () => {
    expect(() => parseConfig({ environments: { Prod: { recoveryMode: { stateParameter: '/ops/' } } } })).toThrow(
      /stateParameter "\/ops\/"/,
    );
  });
});
