#!/usr/bin/env bash
# The command line as a user meets it: exit codes, messages, the last line's format, --save/--load.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, condition result
  n=$((n + 1))
  if [ "$2" = 0 ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; fail=1; fi
}

out=$("$bin" train --dataset xor --hidden 4 --epochs 20 --seed 3 2>"$tmp/err"); rc=$?
check "train exits 0" $rc
last=$(printf '%s\n' "$out" | tail -n 1)
printf '%s\n' "$last" | grep -Eq '^train_loss=[0-9.]+ train_accuracy=[0-9.]+ test_loss=[0-9.]+ test_accuracy=[0-9.]+$'
check "last line has the four figures: $last" $?
[ "$(printf '%s\n' "$out" | grep -c '^epoch ')" -ge 5 ]
check "progress lines printed" $?

"$bin" train --dataset nosuchset >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--dataset' "$tmp/err" && grep -q 'spiral' "$tmp/err"
check "bad dataset: exit 2, names the option and what is allowed" $?

"$bin" train --noise 0.9 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--noise' "$tmp/err" && grep -q '0.5' "$tmp/err"
check "noise out of range: exit 2" $?

"$bin" train --no-such-option >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ]
check "unknown option: exit 2" $?

"$bin" train --hidden 8,x >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--hidden' "$tmp/err"
check "bad layer list: exit 2" $?

"$bin" train --data "$tmp/missing.csv" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'missing.csv' "$tmp/err"
check "missing CSV file: exit 1 with its path" $?

printf 'a,b,label\n1,2,x\n3,oops,y\n' >"$tmp/bad.csv"
"$bin" train --data "$tmp/bad.csv" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'bad.csv:3' "$tmp/err"
check "bad CSV: exit 1 with path and line" $?

printf '{"format_version": 99}' >"$tmp/future.json"
"$bin" train --load "$tmp/future.json" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'format_version' "$tmp/err"
check "future format version: exit 1" $?

"$bin" train --help >"$tmp/help" 2>&1; rc=$?
[ $rc = 0 ] && grep -q -- '--features' "$tmp/help" && grep -q -- '--epochs' "$tmp/help"
check "--help lists the options" $?

# Save after 10 epochs and go on 10 more == 20 epochs in one run, to the last digit.
a=$("$bin" train --dataset spiral --hidden 6 --epochs 20 --seed 5 | tail -n 1)
"$bin" train --dataset spiral --hidden 6 --epochs 10 --seed 5 --save "$tmp/run.json" >/dev/null
b=$("$bin" train --load "$tmp/run.json" --epochs 10 | tail -n 1)
[ -n "$a" ] && [ "$a" = "$b" ]
check "save + load + train equals one run ($a | $b)" $?

"$bin" train --load "$tmp/run.json" --lr 0.1 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ]
check "experiment options with --load: exit 2" $?

echo "1..$n"
exit $fail
