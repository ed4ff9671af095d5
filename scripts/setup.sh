#!/usr/bin/env bash
# Prepare a Debian machine for the book: Debian packages (only those missing), a virtual
# environment in .venv and the pinned Python packages.
#   usage: scripts/setup.sh REQUIREMENTS_FILE [DEBIAN_PACKAGE ...]
#   (VENV=.venv-labs puts the packages in another virtual environment; default .venv)
# Works as root or, for the Debian packages, through sudo.  Safe to run again: it installs
# only what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=$1; shift

packages=("$@")
command -v python3 >/dev/null || packages+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || packages+=(python3-venv)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

venv=${VENV:-.venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r "$requirements"
