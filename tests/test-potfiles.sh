#!/usr/bin/env bash
# po/POTFILES.in is complete and sound: it lists every file that marks a string for
# translation (_() in C, translatable="yes" in a .ui file), names only files that exist, and
# xgettext extracts the marked strings from them.
set -u
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, condition result
  n=$((n + 1))
  name=$(printf '%s' "$1" | tr '\n' ' ')
  if [ "$2" = 0 ]; then echo "ok $n - $name"; else echo "not ok $n - $name"; fail=1; fi
}

grep -v '^#' "$root/po/POTFILES.in" | sed '/^$/d' >"$tmp/listed"
[ -s "$tmp/listed" ]
check "po/POTFILES.in lists files" $?

while read -r f; do
  [ -f "$root/$f" ]
  check "listed file exists: $f" $?
done <"$tmp/listed"

(cd "$root" && grep -rlE '(^|[^A-Za-z0-9_])_ ?\("' --include='*.c' src) >"$tmp/marking"
(cd "$root" && grep -rl 'translatable="yes"' --include='*.ui' ui) >>"$tmp/marking"
while read -r f; do
  grep -qxF "$f" "$tmp/listed"
  check "$f marks strings for translation and is in po/POTFILES.in" $?
done < <(sort -u "$tmp/marking")

if command -v xgettext >/dev/null; then
  xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
    --add-comments=Translators -D "$root" -f "$tmp/listed" -o "$tmp/neuroscope.pot" 2>"$tmp/err"
  check "xgettext reads every listed file ($(head -c 200 "$tmp/err"))" $?
  for s in '%s: only local files can be opened' 'The Neuroscope authors' \
    'Neural Network Playground' 'Build small neural networks and watch them learn'; do
    grep -qF "msgid \"$s\"" "$tmp/neuroscope.pot"
    check "the template has \"$s\"" $?
  done
fi

echo "1..$n"
exit $fail
