#!/usr/bin/env bash
# The quarterly recovery drill of the runbook ("create test data in staging, restore, verify integrity, measure
# RTO, document the results in docs/ops/recovery-tests/"): `dynamo-dr drill` on every table the configuration lists
# in the environment, with the environment's drill scenario, targets and report directory (docs/drills.md).
# Exits non-zero when any drill fails (1) or the input is bad (2).
#
#   scripts/test-recovery.sh [ENVIRONMENT] [dynamo-dr drill flags...]    (ENVIRONMENT default: staging)
#
# DYNAMO_DR names the command that runs dynamo-dr (default: npx --no-install dynamo-dr).
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
environment="${1:-staging}"
[[ $# -gt 0 ]] && shift
read -r -a dynamo_dr <<<"${DYNAMO_DR:-npx --no-install dynamo-dr}"
exec "${dynamo_dr[@]}" drill --environment "$environment" "$@"
