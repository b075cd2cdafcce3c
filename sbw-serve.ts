import { startSandbox } from './packages/sandbox/src/index.js';
const sb = await startSandbox({ port: 45991, alarmEvaluationMs: 200 });
console.log(sb.endpoint);
setTimeout(() => void sb.stop(), 60000);
