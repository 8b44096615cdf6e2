#!/usr/bin/env bash
# Every verb is findable: `neuroscope --help` lists each verb main() registers, with one line
# and how to get its own help; every verb answers --help; the manual page has them all.
set -u
bin=$1
manpage=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, condition result
  n=$((n + 1))
  name=$(printf '%s' "$1" | tr '\n' ' ')
  if [ "$2" = 0 ]; then echo "ok $n - $name"; else echo "not ok $n - $name"; fail=1; fi
}

"$bin" --help >"$tmp/help" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ ! -s "$tmp/err" ] && grep -q 'neuroscope VERB --help' "$tmp/help"
check "neuroscope --help exits 0 and says how to get a verb's help" $?

# The verbs: the lines of the Verbs section that start with two spaces and a word.
verbs=$(sed -n '/^Verbs:$/,/^$/p' "$tmp/help" | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p')
echo "# verbs: $(echo $verbs)"
for expected in train render compare lesson; do
  printf '%s\n' $verbs | grep -qx "$expected"
  check "--help lists $expected" $?
done

# One line each, every line fits 80 columns.
[ "$(awk 'length($0) > 80' "$tmp/help" | wc -l)" = 0 ]
check "--help fits in 80 columns" $?
sed -n '/^Verbs:$/,/^$/p' "$tmp/help" | grep -Eq '^  lesson check FILE… +[A-Z]'
check "--help gives lesson's synopsis, lesson check FILE…, with its line" $?

for verb in $verbs; do
  env -u DISPLAY -u WAYLAND_DISPLAY "$bin" "$verb" --help >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc = 0 ] && grep -q "neuroscope $verb" "$tmp/out" && grep -q -- '--help' "$tmp/out"
  check "neuroscope $verb --help exits 0 and shows its usage (rc $rc)" $?
  env -u DISPLAY -u WAYLAND_DISPLAY "$bin" "$verb" -h >"$tmp/out2" 2>/dev/null; rc=$?
  [ $rc = 0 ] && cmp -s "$tmp/out" "$tmp/out2"
  check "neuroscope $verb -h is the same" $?
done

# The manual page: valid roff with every verb and its options.
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$manpage" 2>&1)
  [ -z "$warnings" ]
  check "groff reads neuroscope.1 without a warning ($warnings)" $?
fi
for verb in $verbs; do
  # troff writes a verb's hyphen as \- (export-code: export\-code).
  grep -qF ".SS \"neuroscope $(printf '%s' "$verb" | sed 's/-/\\-/g')" "$manpage"
  check "neuroscope.1 has a section for $verb" $?
done
grep -q 'fB\\-\\-dataset\\fR=\\fINAME' "$manpage" && grep -q 'fB\\-\\-view' "$manpage"
check "neuroscope.1 lists the verbs' options (--dataset, --view)" $?

echo "1..$n"
exit $fail
