#!/usr/bin/env bash
# `meson install` into a temporary DESTDIR puts everything in its place, and the installed
# program runs from there, headless, finding its lessons and data under its own prefix (not
# in the source tree).
# Arguments: MESON BUILD_DIR BINDIR DATADIR MANDIR APP_ID (the folders absolute, as configured).
set -u
meson=$1
build=$2
bindir=$3
datadir=$4
mandir=$5
app_id=$6
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, condition result
  n=$((n + 1))
  name=$(printf '%s' "$1" | tr '\n' ' ')
  if [ "$2" = 0 ]; then echo "ok $n - $name"; else echo "not ok $n - $name"; fail=1; fi
}

root="$tmp/root"
"$meson" install -C "$build" --destdir "$root" --no-rebuild --quiet >"$tmp/install.log" 2>&1
rc=$?
check "meson install --destdir exits 0 ($(tail -n 3 "$tmp/install.log"))" $rc

bin="$root$bindir/neuroscope"
share="$root$datadir"
pkg="$share/neuroscope"
for f in "$bin" \
  "$pkg/datasets/digits.csv" "$pkg/datasets/iris.csv" "$pkg/lessons/README.md" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml" \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$root$mandir/man1/neuroscope.1"; do
  [ -s "$f" ]
  check "installed: ${f#"$root"}" $?
done
[ -x "$bin" ]
check "the installed program is executable" $?
# The source tree's README of the data sets stays out.
[ ! -e "$pkg/datasets/README.md" ]
check "datasets/README.md is not installed" $?

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$share/applications/$app_id.desktop"
  check "the installed desktop file validates" $?
fi
glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas"
check "the installed schema compiles (--strict)" $?
grep -q "^Exec=neuroscope " "$share/applications/$app_id.desktop"
check "the desktop file runs the installed program by name" $?

# The installed program, as a user runs it: no display, none of the build's variables, in a
# folder of its own; what it reads must come from under $root.
run() {
  (cd "$tmp" && env -u DISPLAY -u WAYLAND_DISPLAY -u NEUROSCOPE_DATADIR \
    -u NEUROSCOPE_LESSONS_DIR "$bin" "$@")
}

run --version >"$tmp/out" 2>&1
check "the installed program prints its version ($(head -c 100 "$tmp/out"))" $?

run train --dataset digits --epochs 1 >"$tmp/out" 2>"$tmp/err"; rc=$?
last=$(tail -n 1 "$tmp/out")
[ $rc = 0 ] && printf '%s\n' "$last" | grep -Eq '^train_loss=[0-9.]+ train_accuracy=[0-9.]+ '
check "installed: train --dataset digits --epochs 1 ($last)" $?

run train --data "$pkg/datasets/iris.csv" --epochs 1 >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && tail -n 1 "$tmp/out" | grep -q '^train_loss='
check "installed: train on the installed datasets/iris.csv (rc $rc $(head -c 200 "$tmp/err"))" $?

# `lesson check` without a folder checks the built-in lessons: those installed beside the
# program, every path it names under $root.
run lesson check >"$tmp/out" 2>"$tmp/err"; rc=$?
echo "# lesson check: $(head -n 3 "$tmp/out" | tr '\n' ' ')"
[ $rc = 0 ] && [ -s "$tmp/out" ] && ! grep -v "^$pkg/lessons" "$tmp/out" | grep -q .
check "installed: lesson check reads the installed lessons only (rc $rc $(head -c 300 "$tmp/err"))" $?

run lesson check "$pkg/lessons" >"$tmp/out2" 2>&1; rc=$?
[ $rc = 0 ] && cmp -s "$tmp/out" "$tmp/out2"
check "installed: lesson check on the installed folder says the same" $?

run render --view loss --dataset xor --epochs 2 --out "$tmp/loss.png" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ -s "$tmp/loss.png" ]
check "installed: render draws a PNG (rc $rc $(head -c 200 "$tmp/err"))" $?

MANWIDTH=80 man -l "$root$mandir/man1/neuroscope.1" >"$tmp/man" 2>/dev/null \
  || cp "$root$mandir/man1/neuroscope.1" "$tmp/man"
grep -q "$datadir/neuroscope/lessons" "$tmp/man"
check "the manual names the installed lessons folder" $?

echo "1..$n"
exit $fail
