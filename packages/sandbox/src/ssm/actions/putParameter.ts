import { AwsError } from '../../awsError.js';
import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import { checkParameterName } from '../parameterName.js';
import { ssmValidation } from '../ssmErrors.js';
import type { SsmAction } from '../service.js';

const STANDARD_MAX_VALUE = 4096;

/**
 * PutParameter: creates version 1, or with `Overwrite` the next version;
 * without it an existing name is ParameterAlreadyExists. Standard tier only:
 * values up to 4 KB.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
 */
export const putParameter: SsmAction = (request, { store, region }) => {
  const name = checkParameterName(request.Name);
  const value = request.Value;
  if (typeof value !== 'string' || value.length < 1) {
    throw ssmValidation('value', value, 'Member must have length greater than or equal to 1');
  }
  if (value.length > STANDARD_MAX_VALUE) {
    throw new AwsError(
      'ValidationException',
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.',
    );
  }
  const parameters = store.parameters(region);
  const existing = parameters[name];
  if (existing && request.Overwrite !== true) {
    throw new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this request, set the overwrite option in the request to true.',
    );
  }
  const type = request.Type ?? existing?.Type;
  if (type !== 'String' && type !== 'StringList' && type !== 'SecureString') {
    throw ssmValidation('type', type, 'Member must satisfy enum value set: [SecureString, StringList, String]');
  }
  const version = (existing?.Version ?? 0) + 1;
  parameters[name] = {
    Name: name,
    Type: type,
    Value: value,
    Version: version,
    LastModifiedDate: Date.now() / 1000,
    ARN: `arn:aws:ssm:${region}:${SANDBOX_ACCOUNT}:parameter/${name.replace(/^\//, '')}`,
    DataType: typeof request.DataType === 'string' ? request.DataType : 'text',
  };
  store.save();
  return { Version: version, Tier: 'Standard' };
};
