import { createEventSourceMapping } from './actions/createEventSourceMapping.js';
import { createFunction } from './actions/createFunction.js';
import { deleteEventSourceMapping } from './actions/deleteEventSourceMapping.js';
import { deleteFunction } from './actions/deleteFunction.js';
import { deleteFunctionConcurrency } from './actions/deleteFunctionConcurrency.js';
import { getEventSourceMapping } from './actions/getEventSourceMapping.js';
import { getFunction } from './actions/getFunction.js';
import { getFunctionConcurrency } from './actions/getFunctionConcurrency.js';
import { getFunctionConfiguration } from './actions/getFunctionConfiguration.js';
import { invoke } from './actions/invoke.js';
import { listEventSourceMappings } from './actions/listEventSourceMappings.js';
import { listFunctions } from './actions/listFunctions.js';
import { listTags } from './actions/listTags.js';
import { putFunctionConcurrency } from './actions/putFunctionConcurrency.js';
import { tagResource } from './actions/tagResource.js';
import { updateEventSourceMapping } from './actions/updateEventSourceMapping.js';
import { updateFunctionCode } from './actions/updateFunctionCode.js';
import { updateFunctionConfiguration } from './actions/updateFunctionConfiguration.js';
import type { LambdaRoute } from './service.js';

const FUNCTIONS = '/2015-03-31/functions';
const MAPPINGS = '/2015-03-31/event-source-mappings';
const label = '([^/]+)';
const at = (prefix: string, rest = '') => new RegExp(`^${prefix}${rest}$`);

/**
 * The Lambda operations the sandbox emulates, by method and path, as the SDK's LambdaClient sends them
 * (its operation schemas name each path), with the IAM action each needs
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html).
 */
export const lambdaRoutes: readonly LambdaRoute[] = [
  {
    method: 'POST',
    path: at(FUNCTIONS, '/?'),
    action: createFunction,
    iamAction: 'CreateFunction',
    resource: 'function',
  },
  { method: 'GET', path: at(FUNCTIONS, '/?'), action: listFunctions, iamAction: 'ListFunctions', resource: 'any' },
  {
    method: 'GET',
    path: at(FUNCTIONS, `/${label}`),
    action: getFunction,
    iamAction: 'GetFunction',
    resource: 'function',
  },
  {
    method: 'GET',
    path: at(FUNCTIONS, `/${label}/configuration`),
    action: getFunctionConfiguration,
    iamAction: 'GetFunctionConfiguration',
    resource: 'function',
  },
  {
    method: 'PUT',
    path: at(FUNCTIONS, `/${label}/configuration`),
    action: updateFunctionConfiguration,
    iamAction: 'UpdateFunctionConfiguration',
    resource: 'function',
  },
  {
    method: 'PUT',
    path: at(FUNCTIONS, `/${label}/code`),
    action: updateFunctionCode,
    iamAction: 'UpdateFunctionCode',
    resource: 'function',
  },
  {
    method: 'DELETE',
    path: at(FUNCTIONS, `/${label}`),
    action: deleteFunction,
    iamAction: 'DeleteFunction',
    resource: 'function',
  },
  {
    method: 'POST',
    path: at(FUNCTIONS, `/${label}/invocations`),
    action: invoke,
    rawPayload: true,
    iamAction: 'InvokeFunction',
    resource: 'function',
  },
  {
    method: 'PUT',
    path: at('/2017-10-31/functions', `/${label}/concurrency`),
    action: putFunctionConcurrency,
    iamAction: 'PutFunctionConcurrency',
    resource: 'function',
  },
  {
    method: 'DELETE',
    path: at('/2017-10-31/functions', `/${label}/concurrency`),
    action: deleteFunctionConcurrency,
    iamAction: 'DeleteFunctionConcurrency',
    resource: 'function',
  },
  {
    method: 'GET',
    path: at('/2019-09-30/functions', `/${label}/concurrency`),
    action: getFunctionConcurrency,
    iamAction: 'GetFunctionConcurrency',
    resource: 'function',
  },
  {
    method: 'POST',
    path: at('/2017-03-31/tags', `/${label}`),
    action: tagResource,
    iamAction: 'TagResource',
    resource: 'function',
  },
  {
    method: 'GET',
    path: at('/2017-03-31/tags', `/${label}`),
    action: listTags,
    iamAction: 'ListTags',
    resource: 'function',
  },
  {
    method: 'POST',
    path: at(MAPPINGS, '/?'),
    action: createEventSourceMapping,
    iamAction: 'CreateEventSourceMapping',
    resource: 'any',
  },
  {
    method: 'GET',
    path: at(MAPPINGS, '/?'),
    action: listEventSourceMappings,
    iamAction: 'ListEventSourceMappings',
    resource: 'any',
  },
  {
    method: 'GET',
    path: at(MAPPINGS, `/${label}`),
    action: getEventSourceMapping,
    iamAction: 'GetEventSourceMapping',
    resource: 'mapping',
  },
  {
    method: 'PUT',
    path: at(MAPPINGS, `/${label}`),
    action: updateEventSourceMapping,
    iamAction: 'UpdateEventSourceMapping',
    resource: 'mapping',
  },
  {
    method: 'DELETE',
    path: at(MAPPINGS, `/${label}`),
    action: deleteEventSourceMapping,
    iamAction: 'DeleteEventSourceMapping',
    resource: 'mapping',
  },
];
