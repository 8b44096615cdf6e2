#!/usr/bin/env bash
# The command line in a locale that writes decimal commas (de_DE.UTF-8) gives what it gives in
# the C locale: the same train lines, the same saved file, the same pictures byte for byte, and
# numbers read and written with a decimal point. A missing locale fails the test, loudly: a
# locale test that passes without its locale would pass everywhere.
set -u
bin=$1
comma=de_DE.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, condition result
  n=$((n + 1))
  name=$(printf '%s' "$1" | tr '\n' ' ') # a TAP line is one line, whatever the message quoted
  if [ "$2" = 0 ]; then echo "ok $n - $name"; else echo "not ok $n - $name"; fail=1; fi
}

# Headless, in locale $1 (LANGUAGE too: messages stay in English, only numbers are compared).
run() { local loc=$1; shift; env -u DISPLAY -u WAYLAND_DISPLAY LC_ALL="$loc" LANGUAGE=en "$bin" "$@"; }

# The locale exists, and really writes commas (else every comparison below would pass).
[ "$(env LC_ALL=$comma printf '%.1f' 0.5 2>/dev/null)" = "0,5" ]
if [ $? != 0 ]; then
  echo "not ok 1 - the locale $comma is missing: build-aux/test generates it" \
    "(build-aux/deps.sh, ensure_locale; or: localedef -i de_DE -f UTF-8 $comma)"
  echo "1..1"
  exit 1
fi
check "the locale $comma writes 0,5" 0

# Train lines and the saved experiment: the same text, the same bytes.
for opts in "--dataset spiral --hidden 6 --epochs 20 --seed 5 --noise 0.3 --lr 0.03 --l2 0.001" \
  "--dataset reg-plane --problem regression --ratio 0.7 --hidden 3 --steps 70 --seed 2"; do
  # shellcheck disable=SC2086
  run C train $opts --save "$tmp/c.json" >"$tmp/c.out" 2>&1; rc_c=$?
  # shellcheck disable=SC2086
  run $comma train $opts --save "$tmp/de.json" >"$tmp/de.out" 2>&1; rc_de=$?
  [ $rc_c = 0 ] && [ $rc_de = 0 ] && cmp -s "$tmp/c.out" "$tmp/de.out" \
    && ! grep -q '[0-9],[0-9]' "$tmp/de.out"
  check "train $opts: the same lines in both locales (rc $rc_c/$rc_de)" $?
  cmp -s "$tmp/c.json" "$tmp/de.json"
  check "train $opts --save: the same file in both locales" $?
done

# Numbers on the command line have a decimal point in every locale.
run $comma train --noise 0.9 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q 'from 0 to 0\.5' "$tmp/err" && ! grep -q '0,5' "$tmp/err"
check "$comma: --noise 0.9 is refused with “0 to 0.5” (rc $rc)" $?
run $comma train --noise 0.3 --epochs 1 >/dev/null 2>"$tmp/err"; rc=$?
check "$comma: --noise 0.3 is accepted (rc $rc)" $rc
run $comma train --noise 0,3 --epochs 1 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--noise' "$tmp/err"
check "$comma: --noise 0,3 is refused as in the C locale (rc $rc)" $?
run $comma render --view loss --epochs 1 --scale 1,5 --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--scale' "$tmp/err" && grep -q '0\.25' "$tmp/err"
check "$comma: --scale 1,5 is refused, as in the C locale (rc $rc)" $?

# Every view as PNG and SVG, with labels, ticks, percentages and the step's numbers.
opts=(--dataset xor --hidden 4 --epochs 5 --seed 3 --size 400x300 --scale 1.5)
for view in network boundary loss gradients space race; do
  for ext in png svg; do
    run C render --view $view "${opts[@]}" --out "$tmp/c.$ext" 2>"$tmp/err"; rc_c=$?
    run $comma render --view $view "${opts[@]}" --out "$tmp/de.$ext" 2>"$tmp/err"; rc_de=$?
    [ $rc_c = 0 ] && [ $rc_de = 0 ] && [ -s "$tmp/c.$ext" ] && cmp -s "$tmp/c.$ext" "$tmp/de.$ext"
    check "render --view $view .$ext: byte-identical in both locales (rc $rc_c/$rc_de)" $?
  done
done
for phase in forward loss backward update; do
  run C render --view network "${opts[@]}" --phase $phase --out "$tmp/c.svg" 2>/dev/null
  run $comma render --view network "${opts[@]}" --phase $phase --out "$tmp/de.svg" 2>/dev/null
  [ -s "$tmp/c.svg" ] && cmp -s "$tmp/c.svg" "$tmp/de.svg"
  check "render --view network --phase $phase: byte-identical SVG in both locales" $?
done
run C render --view boundary --dataset reg-gauss --problem regression --epochs 5 --size 300x300 \
  --out "$tmp/c.png" 2>/dev/null
run $comma render --view boundary --dataset reg-gauss --problem regression --epochs 5 \
  --size 300x300 --out "$tmp/de.png" 2>/dev/null
[ -s "$tmp/c.png" ] && cmp -s "$tmp/c.png" "$tmp/de.png"
check "render a regression's boundary (value colour bar): byte-identical in both locales" $?

echo "1..$n"
exit $fail
