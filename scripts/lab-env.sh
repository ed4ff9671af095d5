# Point the AWS CLI at the local emulator of scripts/emulator.sh:  source scripts/lab-env.sh
# Only environment variables change; the labs' commands are the ones a real account takes.
# Open a new terminal to use a real account again.
_labs_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export AWS_ENDPOINT_URL="http://127.0.0.1:${PORT:-5000}"
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing   # the emulator accepts any key
export AWS_DEFAULT_REGION=us-east-1
export PATH="$_labs_root/.venv-labs/bin:$PATH"                   # the aws command of requirements-labs.txt
unset AWS_PROFILE AWS_SESSION_TOKEN _labs_root
