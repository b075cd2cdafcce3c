// The Node.js runtime of a sandbox Lambda execution environment: one child process per environment, started
// by executionEnvironment.ts with the function's environment variables. It loads the handler as Lambda's
// Node.js runtime does (_HANDLER "dir/module.nested.fn", module extensionless, .js (CommonJS, or ES module
// under a package.json of type module), .mjs, .cjs, then Node's resolution), then runs one invocation at a
// time for messages from the parent over the IPC channel. Plain JavaScript: it runs on whichever node binary
// the runtime is configured with, and must not change how the function's own modules resolve.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

class RuntimeError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = `Runtime.${kind}`;
  }
}

let requestId = '';

// Lambda's Node.js runtime prefixes each console line with the time, request id and level.
for (const [method, level] of [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
]) {
  console[method] = (...args) =>
    process.stdout.write(`${new Date().toISOString()}\t${requestId || 'undefined'}\t${level}\t${format(...args)}\n`);
}

/** Lambda's error payload: `{errorType, errorMessage, trace}`. */
function toPayload(error) {
  if (error instanceof Error || (error && typeof error.message === 'string' && typeof error.stack === 'string')) {
    return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function isTypeModule(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    if (d.endsWith(`${path.sep}node_modules`)) return false;
    const manifest = path.join(d, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(d) === d) return false;
  }
}

async function loadModule(root, moduleRoot, moduleName) {
  const file = path.resolve(root, moduleRoot, moduleName);
  const require = createRequire(path.join(root, 'index.js'));
  const typeModule = isTypeModule(path.dirname(file));
  const importFile = async (f) => import(pathToFileURL(f).href);
  if (existsSync(file)) return require(file);
  if (!typeModule && existsSync(`${file}.js`)) return require(`${file}.js`);
  if (typeModule && existsSync(`${file}.js`)) return importFile(`${file}.js`);
  if (existsSync(`${file}.mjs`)) return importFile(`${file}.mjs`);
  if (existsSync(`${file}.cjs`)) return require(`${file}.cjs`);
  return require(require.resolve(moduleName, { paths: [root, path.resolve(root, moduleRoot)] }));
}

async function loadHandler() {
  const full = process.env._HANDLER ?? '';
  const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  if (full.includes('..')) {
    throw new RuntimeError(
      'MalformedHandlerName',
      `'${full}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(full);
  const moduleRoot = full.slice(0, full.length - base.length);
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) throw new RuntimeError('MalformedHandlerName', 'Bad handler');
  let loaded;
  try {
    loaded = await loadModule(root, moduleRoot, match[1]);
  } catch (error) {
    if (error instanceof SyntaxError) throw new RuntimeError('UserCodeSyntaxError', String(error));
    if (error?.code === 'MODULE_NOT_FOUND' || error?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new RuntimeError('ImportModuleError', String(error));
    }
    throw error;
  }
  const handler = match[2].split('.').reduce((value, key) => value?.[key], loaded);
  if (!handler) throw new RuntimeError('HandlerNotFound', `${full} is undefined or not exported`);
  if (typeof handler !== 'function') throw new RuntimeError('HandlerNotFound', `${full} is not a function`);
  return handler;
}

function contextFor(message) {
  return {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext: message.clientContext,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
}

/** Runs the handler: async (a promise) or callback style (three parameters), as Lambda's runtime does. */
function run(handler, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolve(result));
    const returned = handler.length >= 3 ? handler(event, context, callback) : handler(event, context);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    else if (handler.length < 3) resolve(returned);
  });
}

function fatal(error) {
  process.send({ type: 'error', requestId, error: toPayload(error), fatal: true }, () => process.exit(1));
}
process.on('uncaughtException', fatal);
// The sandbox gone (stopped or crashed), the environment goes too: it never outlives its parent.
process.on('disconnect', () => process.exit(0));
process.on('unhandledRejection', (reason) =>
  fatal(
    new RuntimeError(
      'UnhandledPromiseRejection',
      reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason),
    ),
  ),
);

let handler;
try {
  handler = await loadHandler();
  process.send({ type: 'ready' });
} catch (error) {
  process.send({ type: 'initError', error: toPayload(error) }, () => process.exit(1));
}

process.on('message', async (message) => {
  if (message.type !== 'invoke' || !handler) return;
  requestId = message.requestId;
  try {
    const result = await run(handler, JSON.parse(message.payload), contextFor(message));
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch (error) {
      throw new RuntimeError('MarshalError', `Unable to stringify response body: ${String(error)}`);
    }
    process.send({ type: 'result', requestId: message.requestId, payload });
  } catch (error) {
    process.send({ type: 'error', requestId: message.requestId, error: toPayload(error) });
  }
});
