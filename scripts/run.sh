#!/usr/bin/env bash
# `make run`: migrate, load the demo office, start the worker and serve on 127.0.0.1:$PORT.
set -euo pipefail
PORT="${1:-8000}"
# A demo installation, not a debug one: the demo office loads, errors show kinerja's own pages.
export KINERJA_DEMO="${KINERJA_DEMO:-1}"
export KINERJA_DATA_DIR="${KINERJA_DATA_DIR:-$PWD/.data}"
export PORT
BIN=.venv/bin
"$BIN/kinerja" demo
"$BIN/kinerja" worker &
worker=$!
"$BIN/kinerja" remind --every 60 &
reminder=$!
trap 'kill $worker $reminder 2>/dev/null || true' EXIT INT TERM
echo
echo "kinerja is at http://127.0.0.1:${PORT}/  (Ctrl-C stops it; data in $KINERJA_DATA_DIR)"
echo
"$BIN/kinerja" serve --bind "127.0.0.1:${PORT}" &
server=$!
trap 'kill $worker $reminder $server 2>/dev/null || true' EXIT INT TERM
wait $server
