#!/usr/bin/env bash
# `npm run ci:repeat -- [RUNS] [--keep-going]`: CI (`.ci/run`, as the CI server runs it) on RUNS fresh clones
# of this checkout's HEAD, one after another (default 10), to find flaky tests and to show a run of greens.
# Each run's output goes to .data/ci-repeat/<start>/run-N.log and one line per run to runs.tsv there
# (run, start UTC, commit, result, seconds, the failing suites). Stops at the first red run unless --keep-going.
# Runs one at a time: a run uses both cores of a 2-core machine, and two at once would each take twice as long.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=10
keep_going=false
for arg in "$@"; do
  case "$arg" in
    --keep-going) keep_going=true ;;
    ''|*[!0-9]*) echo "ci:repeat: expected a number of runs or --keep-going, got '$arg'" >&2; exit 2 ;;
    *) runs=$arg ;;
  esac
done
[ "$runs" -ge 1 ] || { echo "ci:repeat: the number of runs must be at least 1" >&2; exit 2; }
commit=$(git rev-parse HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "ci:repeat: uncommitted changes are not tested (each run clones HEAD ${commit:0:7})" >&2
fi
out=".data/ci-repeat/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
printf 'run\tstarted\tcommit\tresult\tseconds\tfailed\n' >"$out/runs.tsv"
repo=$PWD
green=0
streak=0
for ((n = 1; n <= runs; n++)); do
  clone=$(mktemp -d -t c360-ci-repeat.XXXXXX)
  git clone -q "$repo" "$clone" && git -C "$clone" checkout -q "$commit"
  started=$(date -u +%FT%TZ)
  t0=$SECONDS
  echo "[ci:repeat] run $n/$runs of ${commit:0:7} in $clone (log: $out/run-$n.log)…"
  (cd "$clone" && CI=true bash .ci/run) >"$out/run-$n.log" 2>&1
  status=$?
  took=$((SECONDS - t0))
  failed=$(grep -E '^(\[[0-9]+\] )?FAIL ' "$out/run-$n.log" | sed -E 's/^(\[[0-9]+\] )?FAIL //; s/ \(.*//' | sort -u | tr '\n' ' ')
  rm -rf "$clone"
  if [ "$status" -eq 0 ]; then
    green=$((green + 1))
    streak=$((streak + 1))
    result=green
  else
    streak=0
    result=red
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$started" "${commit:0:7}" "$result" "$took" "$failed" >>"$out/runs.tsv"
  echo "[ci:repeat] run $n/$runs: $result in ${took}s${failed:+ (failed: $failed)}; $green green so far, $streak in a row"
  if [ "$status" -ne 0 ] && [ "$keep_going" = false ]; then
    echo "[ci:repeat] stopped at the first red run: its log is $out/run-$n.log (--keep-going runs on)" >&2
    exit 1
  fi
done
echo "[ci:repeat] $green of $runs runs green, the last $streak in a row; table: $out/runs.tsv"
[ "$green" -eq "$runs" ]
