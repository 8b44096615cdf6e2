#!/bin/sh
# Runs each libFuzzer target (json, csv, lesson) for a bounded time, one after the other, in a
# fuzzing build (made here if missing). Findings land in $WORK/artifacts-NAME; the exit status
# is non-zero when a target found something.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS_EACH] [TARGET...]     (default 120 s; all targets)
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-120}
[ $# -gt 0 ] && shift
targets=${*:-json csv lesson}
build=${FUZZ_BUILD:-$src/_build-fuzz}
work=${FUZZ_WORK:-/tmp/neuroscope-fuzz}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" -Dfuzz=true -Db_sanitize=address,undefined \
    -Db_lundef=false || exit 1
fi
status=0
for name in $targets; do
  case $name in
    json) max_len=65536 ;;
    csv) max_len=8192 ;;
    lesson) max_len=16384 ;;
    *) echo "unknown target $name: expected json, csv or lesson" >&2; exit 2 ;;
  esac
  meson compile -C "$build" "tests/fuzz/fuzz-$name" || exit 1
  mkdir -p "$work/corpus-$name" "$work/artifacts-$name"
  echo "fuzz-$name: $seconds s"
  "$build/tests/fuzz/fuzz-$name" -max_len=$max_len -rss_limit_mb=2048 -timeout=10 \
    -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts-$name/" \
    "$work/corpus-$name" "$src/tests/fuzz/corpus-$name" || status=1
done
ls -l "$work"/artifacts-* 2>/dev/null
exit $status
