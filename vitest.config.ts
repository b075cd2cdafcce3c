import { defineConfig } from 'vitest/config';
import { SOURCE_CONDITION } from './scripts/sourceRun.js';

export default defineConfig({
  // Workspace packages resolve to their sources (src/*.ts), never to a build that may be stale. Vitest adds its
  // own defaults (node, development) after this one.
  ssr: { resolve: { conditions: [SOURCE_CONDITION] } },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: test files that each start a sandbox (dynalite child + proxy) run two at a time.
    maxWorkers: 2,
    minWorkers: 1,
    // The SDK's once-per-process notice that Node 20 support ends in January 2027 (see README) drowns test output.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // A node process a test starts resolves the workspace to its sources too: one started without tsx (plain
      // `node packages/cli/bin/dynamo-dr.js`) then fails on src/bin.ts instead of running a stale build. Start
      // the CLI with packages/cli/test/cliArgv.ts.
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--conditions=${SOURCE_CONDITION}`].filter(Boolean).join(' '),
    },
  },
});
