#!/usr/bin/env bash
# A JupyterHub on 127.0.0.1:PORT for trying a class on one machine (class/jupyterhub_config.py).
#   usage: CLASS_HUB_PASSWORD=... bash scripts/class-hub.sh --port PORT [--copies DIR] [--state DIR]
# Any user name (the student id) logs in with the password; each student's JupyterLab starts with
# the student copies, pulled by nbgitpuller from a small git repository made here: the student
# copies of this checkout's chapters, or the files of --copies DIR (a folder the teacher prepared).
# Running it again with changed chapters adds a commit, and students get it at their next login.
# Installs what is missing: the Python packages (requirements-class.txt) and configurable-http-proxy
# (npm, package.json).  The hub's files go to --state (default .class-hub).  Ctrl-C stops the hub,
# every student's server and the proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

port="" copies="" state="$root/.class-hub"
fail() { echo "오류: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --port) port=${2:-}; shift 2 || fail "--port 뒤에 포트 번호를 쓰세요." ;;
    --copies) copies=${2:-}; shift 2 || fail "--copies 뒤에 폴더를 쓰세요." ;;
    --state) state=${2:-}; shift 2 || fail "--state 뒤에 폴더를 쓰세요." ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "알 수 없는 인자 '$1'입니다. 사용법: bash scripts/class-hub.sh --port 8000 [--copies 폴더] [--state 폴더]" ;;
  esac
done
[[ $port =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
  || fail "--port에 1~65535의 포트 번호를 주세요(주어진 값: '${port}'). 예: bash scripts/class-hub.sh --port 8000"
password=${CLASS_HUB_PASSWORD:-}
[ ${#password} -ge 8 ] || fail "학생들이 쓸 비밀번호(8자 이상)를 환경 변수 CLASS_HUB_PASSWORD에 넣으세요. 예: CLASS_HUB_PASSWORD='수업비밀번호123' bash scripts/class-hub.sh --port $port"
if [ -n "$copies" ]; then
  [ -d "$copies" ] || fail "--copies로 준 폴더 '$copies'가 없습니다."
  copies=$(cd "$copies" && pwd)
fi
mkdir -p "$state"
state=$(cd "$state" && pwd)

# Python packages: JupyterHub and nbgitpuller on top of the book's environment.
[ -x .venv/bin/jupyterhub ] && [ -x .venv/bin/gitpuller ] || bash scripts/setup.sh requirements-class.txt
# configurable-http-proxy from npm (Node.js from Debian if there is no npm at all).
proxy=$root/node_modules/.bin/configurable-http-proxy
if [ ! -x "$proxy" ]; then
  if ! command -v npm >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing Debian packages: nodejs npm"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  npm ci --omit=dev --no-audit --no-fund --loglevel=error  # the proxy only, not the development tools
fi

# The student copies as a git repository nbgitpuller can pull: one commit per change.
repo=$state/student-copies.git
bash class/student-copies-repo.sh "$repo" "$copies"

echo "수업용 JupyterHub: http://127.0.0.1:$port (아무 학번 + CLASS_HUB_PASSWORD로 로그인, 끝내려면 Ctrl-C)"
export CLASS_HUB_PORT=$port CLASS_HUB_STATE=$state CLASS_HUB_REPO="file://$repo" CLASS_HUB_PROXY=$proxy
cd "$state"
exec "$root/.venv/bin/jupyterhub" -f "$root/class/jupyterhub_config.py"
