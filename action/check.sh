#!/usr/bin/env bash
# The check step of action.yml: runs `cdk-iam-role-patterns check` with the action's inputs (passed as CHECK_*
# variables), writes the SARIF log, names it in the step's outputs, and exits with the check's status (1 on an error
# finding or a widened trust, 2 on unreadable input). CDK_IAM_ROLE_PATTERNS_CLI overrides the command (the tests run
# the CLI from source with it); otherwise the project's own install is used, or npx fetches CHECK_VERSION.
set -euo pipefail

if [ -n "${CDK_IAM_ROLE_PATTERNS_CLI:-}" ]; then
  read -r -a cli <<< "$CDK_IAM_ROLE_PATTERNS_CLI"
elif [ -x node_modules/.bin/cdk-iam-role-patterns ]; then
  cli=(node_modules/.bin/cdk-iam-role-patterns)
else
  cli=(npx --yes "cdk-iam-role-patterns@${CHECK_VERSION:-latest}")
fi

read -r -a paths <<< "${CHECK_PATH:-cdk.out}"
args=(check "${paths[@]}" --format sarif)
if [ -n "${CHECK_BASELINE:-}" ]; then
  read -r -a baselines <<< "$CHECK_BASELINE"
  for baseline in "${baselines[@]}"; do args+=(--baseline "$baseline"); done
fi
if [ "${CHECK_STRICT:-false}" = true ]; then args+=(--strict); fi
if [ "${CHECK_WARNINGS_AS_ERRORS:-false}" = true ]; then args+=(--warnings-as-errors); fi

sarif="${CHECK_SARIF_FILE:-cdk-iam-role-patterns.sarif}"
set +e
"${cli[@]}" "${args[@]}" > "$sarif"
status=$?
set -e
# exit 2 (bad input) writes no SARIF worth uploading
if [ "$status" -ne 2 ]; then echo "sarif-file=$sarif" >> "${GITHUB_OUTPUT:-/dev/null}"; fi
exit "$status"
