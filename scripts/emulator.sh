#!/usr/bin/env bash
# A local AWS emulator for the labs (moto in server mode) on 127.0.0.1, with the AWS CLI beside it.
#   usage: bash scripts/emulator.sh          (port 5000; PORT=5055 bash scripts/emulator.sh for another)
# Installs .venv-labs from requirements-labs.txt the first time.  Stop it with Ctrl+C.
# In another terminal: source scripts/lab-env.sh, then run a lab's commands (bash labs/ec2/commands.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv-labs/bin/moto_server ] || VENV=.venv-labs bash scripts/setup.sh requirements-labs.txt
# AWS managed policies (AWSLambdaBasicExecutionRole, AmazonEKSClusterPolicy, ...) exist as in a real account.
export MOTO_IAM_LOAD_MANAGED_POLICIES=true
exec .venv-labs/bin/moto_server -H 127.0.0.1 -p "${PORT:-5000}"
