#!/usr/bin/env bash
# `neuroscope lesson check` as an instructor runs it: one line per step, the exit codes.
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, condition result
  n=$((n + 1))
  name=$(printf '%s' "$1" | tr '\n' ' ')
  if [ "$2" = 0 ]; then echo "ok $n - $name"; else echo "not ok $n - $name"; fail=1; fi
}

"$bin" lesson check "$data/lessons-pass/01-pass.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a passing lesson: exit 0 (rc $rc: $(cat "$tmp/err"))" $rc
grep -Eq '01-pass.md: step 1 "Split two blobs": reached test_accuracy >= 0.9 && hidden_neurons == 0 at epoch [0-9]+ \(test_accuracy [0-9.]+\)$' "$tmp/out"
check "the reached goal, its epoch and value: $(head -n 1 "$tmp/out")" $?
grep -q '01-pass.md: step 2 "Step through it": interactive (phase == backward)$' "$tmp/out"
check "the interactive goal is listed" $?
! grep -q ',[0-9]' "$tmp/out"
check "numbers with a decimal point in every locale" $?

"$bin" lesson check "$data/lessons-pass" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(wc -l <"$tmp/out")" = 2 ] && ! grep -q README "$tmp/out"
check "a folder: its lessons, README.md skipped" $?

"$bin" lesson check "$data/lessons-fail/01-fail.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -Eq 'step 1 "Impossible": NOT reached in 2 epochs \(test_accuracy [0-9.]+\)' "$tmp/out"
check "a goal out of reach: exit 1, NOT reached (rc $rc)" $?

"$bin" lesson check "$data/lessons-pass" "$data/lessons-fail" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && [ "$(wc -l <"$tmp/out")" = 3 ]
check "several folders: every step reported, exit 1 when one fails" $?

printf -- '---\nid: bad\ntitle: Bad\norder: 1\nsummary: s\n---\n\n## Step\n\n```setup\n--dataset nosuchset\n```\n' >"$tmp/bad.md"
"$bin" lesson check "$tmp/bad.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "bad.md:11: --dataset" "$tmp/err"
check "a bad lesson: exit 1, file and line on stderr (rc $rc: $(cat "$tmp/err"))" $?

mkdir "$tmp/linked"
printf -- '---\nid: one\ntitle: One\norder: 1\nrequires: zero\nsummary: s\n---\n\n## Step\n\nText.\n' >"$tmp/linked/01-one.md"
sed 's/requires: zero/requires: one/' "$tmp/linked/01-one.md" >"$tmp/linked/02-one.md"
"$bin" lesson check "$tmp/linked" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q '02-one.md: id “one”: expected an id of its own' "$tmp/err" \
  && grep -q '01-one.md: requires “zero”: expected the id of a lesson' "$tmp/err" \
  && [ "$(grep -c 'no goal' "$tmp/out")" = 2 ]
check "a folder: ids distinct, required ids there (rc $rc: $(cat "$tmp/err"))" $?

mkdir "$tmp/empty"
cp "$data/lessons-pass/README.md" "$tmp/empty/"
"$bin" lesson check "$tmp/empty" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q 'no lessons' "$tmp/out"
check "a folder without lessons: no lessons, exit 0" $?

"$bin" lesson check "$tmp/missing.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'missing.md' "$tmp/err"
check "a missing file: exit 1, named" $?

"$bin" lesson >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q 'check' "$tmp/err"
check "lesson without check: usage, exit 2" $?

"$bin" lesson check --frob "$tmp/bad.md" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--frob' "$tmp/err"
check "an unknown option: exit 2, named" $?

"$bin" lesson --help >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q 'check' "$tmp/out"
check "lesson --help" $?

"$bin" --help >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q '^  lesson ' "$tmp/out"
check "neuroscope --help lists lesson" $?

echo "1..$n"
exit $fail
