import { startSandbox, type SandboxOptions } from '../../src/index.js';

// A sandbox in its own process, for tests that kill it (kill -9) and start again on its data directory:
// `node …sourceRun flags… sandboxChild.ts '<SandboxOptions as JSON>'` prints `endpoint <url>` once it serves.
const sandbox = await startSandbox(JSON.parse(process.argv[2] ?? '{}') as SandboxOptions);
console.log(`endpoint ${sandbox.endpoint}`);
