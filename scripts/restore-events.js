#!/usr/bin/env node
/**
 * Seed 000, scenario 1, step 4: `node scripts/restore-events.js recovered_events.json --table T --confirm T`.
 *
 * Writes the items of FILE into the table: FILE is what `aws dynamodb scan ... > file.json` printed
 * ({"Items": [...], "Count": ...}), or a file written by `dynamo-dr export` or `dynamo-dr diff`. It is a thin
 * shell over `dynamo-dr restore-items --from-file FILE`: the same plan, recovery-mode guard, batch writer
 * (retries, nothing dropped) and verification. Items changed in the table since are reported and skipped.
 *
 * Flags: --table NAME (required), --confirm NAME (asked on a terminal when left out), --allow-live-writes,
 * --dry-run, --json, --region, --profile, --endpoint-url (AWS_ENDPOINT_URL is honoured too).
 */
import { parseArgs } from 'node:util';

const usage =
  'usage: node scripts/restore-events.js FILE --table NAME [--confirm NAME] [--allow-live-writes] [--dry-run] [--json]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      table: { type: 'string' },
      confirm: { type: 'string' },
      'allow-live-writes': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      region: { type: 'string' },
      profile: { type: 'string' },
      'endpoint-url': { type: 'string' },
    },
  });
} catch (error) {
  console.error(`error: ${error.message}\n${usage}`);
  process.exit(2);
}
if (parsed.positionals.length !== 1) {
  console.error(`error: give exactly one FILE (got ${parsed.positionals.length})\n${usage}`);
  process.exit(2);
}

const flags = [];
for (const [name, value] of Object.entries(parsed.values)) {
  if (value === true) flags.push(`--${name}`);
  else if (typeof value === 'string') flags.push(`--${name}`, value);
}
// The CLI's own entry point runs the command and maps errors to exit codes (0 ok, 1 failure, 2 bad input): the
// build that `npm ci` made, or its sources when node runs with `--conditions=@dynamo-dr/source --import tsx`.
process.argv = [process.argv[0], 'dynamo-dr', 'restore-items', '--from-file', parsed.positionals[0], ...flags];
await import('../packages/cli/bin/dynamo-dr.js');
