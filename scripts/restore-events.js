#!/usr/bin/env node
/**
 * The backup runbook's scenario 1, step 4: `node scripts/restore-events.js recovered_events.json --table T --confirm T`.
 *
 * Writes the items of FILE into the table: FILE is what `aws dynamodb scan ... > file.json` printed
 * ({"Items": [...], "Count": ...}), or a file written by `dynamo-dr export` or `dynamo-dr diff`. It is a thin
 * shell over `dynamo-dr restore-items --from-file FILE`: the same plan, recovery-mode guard, batch writer
 * (retries, nothing dropped) and verification. Items changed in the table since are reported and skipped.
 *
 * Flags: --table NAME (required), --confirm NAME (asked on a terminal when left out), --allow-live-writes,
 * --dry-run, --json, --state-dir DIR (the run journal; default .dynamo-dr in the current directory, as for
 * dynamo-dr), --region, --profile, --endpoint-url (AWS_ENDPOINT_URL is honoured too), --debug, --help.
 */
import { parseArgs } from 'node:util';

const usage = `usage: node scripts/restore-events.js FILE --table NAME [--confirm NAME] [--allow-live-writes]
                                   [--dry-run] [--json] [--state-dir DIR] [--region REGION]
                                   [--profile PROFILE] [--endpoint-url URL] [--debug]

Writes the items of FILE (aws dynamodb scan output, or a file of dynamo-dr export or diff) back into the
table NAME, as dynamo-dr restore-items --from-file FILE does: items changed in the table since are reported
and skipped, and the run is verified.

  --table NAME          the table to write into (required)
  --confirm NAME        the exact table name (asked on a terminal when left out)
  --allow-live-writes   write even though the environment is not in recovery mode
  --dry-run             print the plan and change nothing
  --json                print one JSON document on stdout
  --state-dir DIR       where the run is recorded (default: .dynamo-dr in the current directory)
  --region, --profile, --endpoint-url   as for the AWS CLI (AWS_ENDPOINT_URL is honoured too)
  --debug               print the whole error when it fails
  --help                show this help`;

/** Exits with status 2 (bad usage) after saying why. */
function usageError(message) {
  console.error(`error: ${message}\n\n${usage}`);
  process.exit(2);
}

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
      'state-dir': { type: 'string' },
      region: { type: 'string' },
      profile: { type: 'string' },
      'endpoint-url': { type: 'string' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  usageError(error.message);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
if (parsed.positionals.length !== 1) usageError(`give exactly one FILE (got ${parsed.positionals.length})`);

const flags = [];
for (const [name, value] of Object.entries(parsed.values)) {
  if (value === true) flags.push(`--${name}`);
  else if (typeof value === 'string') flags.push(`--${name}`, value);
}
// The CLI's own entry point runs the command and maps errors to exit codes (0 ok, 1 failure, 2 bad input): the
// build that `npm ci` made, or its sources when node runs with `--conditions=@dynamo-dr/source --import tsx`.
process.argv = [process.argv[0], 'dynamo-dr', 'restore-items', '--from-file', parsed.positionals[0], ...flags];
await import('../packages/cli/bin/dynamo-dr.js');
