import { checkParameterName } from '../parameterName.js';
import { parameterNotFound } from '../ssmErrors.js';
import type { SsmAction } from '../service.js';

/**
 * DeleteParameter: every version; ParameterNotFound when there is none.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html
 */
export const deleteParameter: SsmAction = (request, { store, region }) => {
  const name = checkParameterName(request.Name);
  const parameters = store.parameters(region);
  if (!parameters[name]) throw parameterNotFound(name);
  delete parameters[name];
  store.save();
  return {};
};
