#!/usr/bin/env bash
# The moto extension's own tests (unittest, offline). Each test skips where moto is not installed;
# without any Python at all the whole suite is skipped with one line.
set -euo pipefail
cd "$(dirname "$0")"
python="${NEWSSTACK_MOTO_PYTHON:-python3}"
if ! command -v "$python" >/dev/null; then
  echo "moto extension tests skipped: $python not found"
  exit 0
fi
exec "$python" -m unittest discover -s tests -t .
