#!/usr/bin/env node
// The built CLI (dist/bin.js). Under the source condition (`--conditions=@dynamo-dr/source --import tsx`),
// package.json's `#bin` import resolves to src/bin.ts instead: that is how tests run the CLI.
import '#bin';
