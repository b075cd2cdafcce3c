import { createEventSourceMapping } from './actions/createEventSourceMapping.js';
import { createFunction } from './actions/createFunction.js';
import { deleteEventSourceMapping } from './actions/deleteEventSourceMapping.js';
import { deleteFunction } from './actions/deleteFunction.js';
import { deleteFunctionConcurrency } from './actions/deleteFunctionConcurrency.js';
import { getEventSourceMapping } from './actions/getEventSourceMapping.js';
import { getFunction } from './actions/getFunction.js';
import { getFunctionConcurrency } from './actions/getFunctionConcurrency.js';
import { invoke } from './actions/invoke.js';
import { listEventSourceMappings } from './actions/listEventSourceMappings.js';
import { listFunctions } from './actions/listFunctions.js';
import { listTags } from './actions/listTags.js';
import { putFunctionConcurrency } from './actions/putFunctionConcurrency.js';
import { tagResource } from './actions/tagResource.js';
import { updateEventSourceMapping } from './actions/updateEventSourceMapping.js';
import type { LambdaRoute } from './service.js';

const FUNCTIONS = '/2015-03-31/functions';
const MAPPINGS = '/2015-03-31/event-source-mappings';
const label = '([^/]+)';

/**
 * The Lambda operations the sandbox emulates, by method and path, as the
 * SDK's LambdaClient sends them (its operation schemas name each path).
 */
export const lambdaRoutes: readonly LambdaRoute[] = [
  { method: 'POST', path: new RegExp(`^${FUNCTIONS}/?$`), action: createFunction },
  { method: 'GET', path: new RegExp(`^${FUNCTIONS}/?$`), action: listFunctions },
  { method: 'GET', path: new RegExp(`^${FUNCTIONS}/${label}$`), action: getFunction },
  { method: 'DELETE', path: new RegExp(`^${FUNCTIONS}/${label}$`), action: deleteFunction },
  { method: 'POST', path: new RegExp(`^${FUNCTIONS}/${label}/invocations$`), action: invoke, rawPayload: true },
  { method: 'PUT', path: new RegExp(`^/2017-10-31/functions/${label}/concurrency$`), action: putFunctionConcurrency },
  {
    method: 'DELETE',
    path: new RegExp(`^/2017-10-31/functions/${label}/concurrency$`),
    action: deleteFunctionConcurrency,
  },
  { method: 'GET', path: new RegExp(`^/2019-09-30/functions/${label}/concurrency$`), action: getFunctionConcurrency },
  { method: 'POST', path: new RegExp(`^/2017-03-31/tags/${label}$`), action: tagResource },
  { method: 'GET', path: new RegExp(`^/2017-03-31/tags/${label}$`), action: listTags },
  { method: 'POST', path: new RegExp(`^${MAPPINGS}/?$`), action: createEventSourceMapping },
  { method: 'GET', path: new RegExp(`^${MAPPINGS}/?$`), action: listEventSourceMappings },
  { method: 'GET', path: new RegExp(`^${MAPPINGS}/${label}$`), action: getEventSourceMapping },
  { method: 'PUT', path: new RegExp(`^${MAPPINGS}/${label}$`), action: updateEventSourceMapping },
  { method: 'DELETE', path: new RegExp(`^${MAPPINGS}/${label}$`), action: deleteEventSourceMapping },
];
