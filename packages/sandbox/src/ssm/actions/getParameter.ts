import { checkParameterName } from '../parameterName.js';
import { parameterNotFound } from '../ssmErrors.js';
import type { SsmAction } from '../service.js';

/**
 * GetParameter: the latest version; ParameterNotFound when there is none.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 */
export const getParameter: SsmAction = (request, { store, region }) => {
  const name = checkParameterName(request.Name);
  const parameter = store.parameters(region)[name];
  if (!parameter) throw parameterNotFound(name);
  return { Parameter: parameter };
};
