#!/usr/bin/env bash
# `neuroscope render` as a user meets it: each view in each format, the picture's size, the same
# bytes for the same seed, exit codes and messages, and no display needed.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
check() { # name, condition result
  n=$((n + 1))
  name=$(printf '%s' "$1" | tr '\n' ' ') # a TAP line is one line, whatever the message quoted
  if [ "$2" = 0 ]; then echo "ok $n - $name"; else echo "not ok $n - $name"; fail=1; fi
}

# Headless for real: no X11 or Wayland display, whatever the test runner has.
render() { env -u DISPLAY -u WAYLAND_DISPLAY "$bin" render "$@"; }

# The first bytes of a file, as hex, for its signature.
magic() { od -An -tx1 -N"$2" "$1" | tr -d ' \n'; }

# A PNG's width and height from its IHDR chunk: big-endian 32-bit words at bytes 16 and 20.
png_size() {
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d", $1*16777216 + $2*65536 + $3*256 + $4,
                                              $5*16777216 + $6*65536 + $7*256 + $8 }'
}

opts=(--dataset xor --hidden 4 --epochs 5 --seed 3)

for view in network boundary loss gradients space race; do
  for ext in png svg pdf; do
    out="$tmp/$view.$ext"
    render --view "$view" "${opts[@]}" --out "$out" --size 320x240 >"$tmp/stdout" 2>"$tmp/err"
    rc=$?
    [ $rc = 0 ] && [ -s "$out" ]
    check "$view.$ext: exit 0, not empty (rc $rc: $(head -c 200 "$tmp/err"))" $?
    case $ext in
      png) [ "$(magic "$out" 4)" = 89504e47 ] ;;
      svg) head -c 200 "$out" | grep -Eq '^(<\?xml|<svg)' ;;
      pdf) [ "$(head -c 4 "$out")" = "%PDF" ] ;;
    esac
    check "$view.$ext: $ext signature" $?
  done
  size=$(png_size "$tmp/$view.png")
  [ "$size" = 320x240 ]
  check "$view.png is 320x240 pixels ($size)" $?
done

render --view boundary "${opts[@]}" --out "$tmp/wide.png" --size 1000x300 2>/dev/null
size=$(png_size "$tmp/wide.png")
[ "$size" = 1000x300 ]
check "--size 1000x300 gives a 1000x300 PNG ($size)" $?

# Determinism: the same seed and settings twice give the same file, byte for byte.
render --view boundary --dataset spiral --hidden 6 --epochs 10 --seed 7 --out "$tmp/a.png" \
  --size 300x300 2>/dev/null
render --view boundary --dataset spiral --hidden 6 --epochs 10 --seed 7 --out "$tmp/b.png" \
  --size 300x300 2>/dev/null
[ -s "$tmp/a.png" ] && cmp -s "$tmp/a.png" "$tmp/b.png"
check "same seed twice: byte-identical PNG" $?

render --view boundary --dataset spiral --hidden 6 --epochs 10 --seed 8 --out "$tmp/c.png" \
  --size 300x300 2>/dev/null
[ -s "$tmp/c.png" ] && ! cmp -s "$tmp/a.png" "$tmp/c.png"
check "another seed: another picture" $?

render --view boundary --dataset spiral --hidden 6 --epochs 10 --seed 7 --out "$tmp/d.png" \
  --size 300x300 --dark --scale 1.5 --test 2>/dev/null; rc=$?
[ $rc = 0 ] && [ "$(png_size "$tmp/d.png")" = 300x300 ] && ! cmp -s "$tmp/a.png" "$tmp/d.png"
check "--dark --scale 1.5 --test: same size, another picture" $?

# --load: go on from a saved experiment.
"$bin" train --dataset circle --hidden 3 --epochs 5 --seed 2 --save "$tmp/run.json" >/dev/null
render --view network --load "$tmp/run.json" --steps 20 --out "$tmp/loaded.png" \
  --size 400x300 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(png_size "$tmp/loaded.png")" = 400x300 ]
check "--load FILE --steps N renders" $?

# A saved step of a billion: the race would replay it for days; refused at once instead.
sed 's/"step" : "[0-9]*"/"step" : "1000000000"/' "$tmp/run.json" >"$tmp/far.json"
timeout 60 "$bin" render --view race --load "$tmp/far.json" --steps 1 --out "$tmp/far.png" \
  2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'race' "$tmp/err" && [ ! -e "$tmp/far.png" ]
check "--view race of a file at step 1e9: exit 1 at once (rc $rc)" $?

# --view compare: the scaling plot drawn again from the CSV `neuroscope compare` wrote, at
# another size and in another format, without running anything again.
"$bin" compare --dataset digits --models logreg_pixels,knn_features --fractions 0.1,1 --runs 1 \
  --csv-out "$tmp/runs.csv" >/dev/null 2>"$tmp/err"
check "compare --csv-out writes the runs ($(head -c 200 "$tmp/err"))" $?
render --view compare --csv "$tmp/runs.csv" --out "$tmp/cmp.png" --size 640x360 >"$tmp/stdout" \
  2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(magic "$tmp/cmp.png" 8)" = 89504e470d0a1a0a ] \
  && [ "$(png_size "$tmp/cmp.png")" = 640x360 ] && [ ! -s "$tmp/stdout" ]
check "--view compare --csv: a 640x360 PNG, no run (rc $rc: $(head -c 200 "$tmp/err"))" $?
render --view compare --csv "$tmp/runs.csv" --out "$tmp/cmp.svg" --size 500x400 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && head -c 200 "$tmp/cmp.svg" | grep -Eq '^(<\?xml|<svg)' \
  && grep -q 'width="500pt" height="400pt"' "$tmp/cmp.svg"
check "--view compare --csv: an SVG of 500x400 points (rc $rc: $(head -c 200 "$tmp/err"))" $?
# Cairo 1.16 writes text as glyph outlines, so the titles cannot be grepped: the second model's
# rows must change the picture instead (its line and its legend entry).
grep -v '^knn_features,' "$tmp/runs.csv" >"$tmp/one.csv"
render --view compare --csv "$tmp/one.csv" --out "$tmp/one.svg" --size 500x400 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ -s "$tmp/one.svg" ] && ! cmp -s "$tmp/one.svg" "$tmp/cmp.svg"
check "--view compare --csv: one model fewer, another SVG" $?
render --view compare --csv "$tmp/runs.csv" --out "$tmp/cmp2.png" --size 640x360 2>/dev/null
cmp -s "$tmp/cmp.png" "$tmp/cmp2.png"
check "--view compare --csv twice: the same bytes" $?

# A CSV that is not one: exit 1, the file, line and column, what was expected; nothing drawn.
{ echo 'model,fraction,seed,accuracy'; sed 1d "$tmp/runs.csv"; } >"$tmp/header.csv"
render --view compare --csv "$tmp/header.csv" --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "$tmp/header.csv:1:1: expected the header model,fraction" "$tmp/err" \
  && [ ! -e "$tmp/x.png" ]
check "--csv with a wrong header: exit 1, names file:1 ($(head -c 200 "$tmp/err"))" $?
sed '3s/^\([^,]*\),[^,]*,/\1,0.5x,/' "$tmp/runs.csv" >"$tmp/number.csv"
render --view compare --csv "$tmp/number.csv" --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -Eq "$tmp/number.csv:3:[0-9]+: fraction “0.5x”: expected" "$tmp/err" \
  && [ ! -e "$tmp/x.png" ]
check "--csv with a bad number on line 3: exit 1, names file:3 ($(head -c 200 "$tmp/err"))" $?
render --view compare --csv "$tmp/none.csv" --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'none.csv' "$tmp/err"
check "--csv with a missing file: exit 1, names it" $?
render --view compare --csv "$tmp/runs.csv" --dataset digits --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--dataset' "$tmp/err" && [ ! -e "$tmp/x.png" ]
check "--csv with an experiment option: exit 2, names it" $?
render --view loss --csv "$tmp/runs.csv" --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--csv' "$tmp/err"
check "--csv with another view: exit 2" $?

# Without --csv it runs the experiment on the render's dataset: plane data has no images.
render --view compare --dataset circle --out "$tmp/x.png" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q 'compare: needs image data' "$tmp/err" && grep -q -- '--csv' "$tmp/err" \
  && [ ! -e "$tmp/x.png" ]
check "--view compare of plane data: exit 2, needs image data ($(head -c 200 "$tmp/err"))" $?
render --view compare --dataset digits --epochs 3 --out "$tmp/x.png" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--epochs' "$tmp/err"
check "--view compare --epochs: exit 2, names --epochs" $?

render --view nosuchview --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--view' "$tmp/err"
check "unknown view: exit 2, names --view" $?

render --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--view' "$tmp/err"
check "no view: exit 2" $?

for bad in 10x x10 0x10 10x0 10x10x10 -5x5 abc 99999x10; do
  render --view loss --size "$bad" --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
  [ $rc = 2 ] && grep -q -- '--size' "$tmp/err"
  check "bad size “$bad”: exit 2, names --size" $?
done

render --view loss --out "$tmp/x.gif" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--out' "$tmp/err" && [ ! -e "$tmp/x.gif" ]
check "unknown extension: exit 2, nothing written" $?

render --view loss 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--out' "$tmp/err"
check "no --out: exit 2" $?

render --view loss --scale 0 --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--scale' "$tmp/err"
check "bad scale: exit 2" $?

render --view loss --test --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--test' "$tmp/err"
check "--test with a view without points: exit 2" $?

render --view loss --epochs 3 --steps 3 --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ]
check "--epochs and --steps together: exit 2" $?

render --view loss --dataset nosuchset --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--dataset' "$tmp/err"
check "bad experiment option: exit 2, names it" $?

render --view loss --no-such-option --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ]
check "unknown option: exit 2" $?

render --view loss --load "$tmp/run.json" --lr 0.1 --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--lr' "$tmp/err"
check "experiment options with --load: exit 2" $?

render --view loss --load "$tmp/missing.json" --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'missing.json' "$tmp/err" && [ ! -e "$tmp/x.png" ]
check "--load of a missing file: exit 1 with its path" $?

render --view loss --epochs 1 --out "$tmp/no/such/dir/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'no/such/dir/x.png' "$tmp/err"
check "unwritable --out: exit 1 with its path" $?

# A failed export leaves the file that was there (ns_scene_export writes atomically). Root
# writes into a read-only directory anyway, so there the check cannot fail and is skipped.
if [ "$(id -u)" = 0 ]; then
  n=$((n + 1)); echo "ok $n - a failed write keeps the old file # SKIP running as root"
else
  cp "$tmp/a.png" "$tmp/keep.png"
  chmod a-w "$tmp"
  render --view loss --epochs 1 --out "$tmp/keep.png" 2>/dev/null; rc=$?
  chmod u+w "$tmp"
  [ $rc = 1 ] && cmp -s "$tmp/a.png" "$tmp/keep.png"
  check "a failed write keeps the old file (exit 1)" $?
fi

# --phase: a moment of stepping through one sample, drawn for slides; each phase's picture
# differs from the plain one and from the others.
render --view network "${opts[@]}" --out "$tmp/plain.png" --size 400x300 2>/dev/null
for phase in forward loss backward update; do
  render --view network "${opts[@]}" --phase $phase --out "$tmp/phase-$phase.png" \
    --size 400x300 2>"$tmp/err"; rc=$?
  [ $rc = 0 ] && [ "$(magic "$tmp/phase-$phase.png" 4)" = 89504e47 ] \
    && ! cmp -s "$tmp/plain.png" "$tmp/phase-$phase.png"
  check "--phase $phase: a PNG unlike the plain diagram (rc $rc)" $?
done
! cmp -s "$tmp/phase-forward.png" "$tmp/phase-backward.png"
check "--phase forward and backward draw different pictures" $?
render --view boundary "${opts[@]}" --phase forward --out "$tmp/phase-b.png" --size 300x300 \
  2>/dev/null; rc=$?
[ $rc = 0 ] && [ -s "$tmp/phase-b.png" ]
check "--phase with the boundary view (rc $rc)" $?
render --view network "${opts[@]}" --phase sideways --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--phase' "$tmp/err" && grep -q 'forward, loss, backward or update' "$tmp/err"
check "unknown --phase: exit 2, names the phases" $?
render --view loss "${opts[@]}" --phase loss --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--phase' "$tmp/err"
check "--phase with a view that shows no step: exit 2" $?

render --help >"$tmp/help" 2>&1; rc=$?
[ $rc = 0 ] && grep -q -- '--view' "$tmp/help" && grep -q -- '--size' "$tmp/help" \
  && grep -q -- '--dark' "$tmp/help" && grep -q -- '--scale' "$tmp/help" \
  && grep -q -- '--hidden' "$tmp/help" && grep -q -- '--load' "$tmp/help" \
  && grep -q -- '--phase' "$tmp/help"
check "--help lists the options" $?

# Checked before training: counts, stray arguments, and the folder --out writes into (the path
# as given, never the temporary file beside it).
render --view loss --epochs -5 --out "$tmp/x.png" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--epochs' "$tmp/err"
check "render --epochs -5: exit 2, names the option" $?

render --view loss --steps 1.5 --out "$tmp/x.png" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--steps' "$tmp/err"
check "render --steps 1.5: exit 2, names the option" $?

render --view loss --epochs 1 --out "$tmp/x.png" stray >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q '“stray”' "$tmp/err" && [ ! -e "$tmp/x.png" ]
check "render with a stray argument: exit 2, names it" $?

render --view loss --epochs 1 --out "$tmp/missing/x.png" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q -- "--out: $tmp/missing/x.png" "$tmp/err" && grep -q 'does not exist' "$tmp/err" \
  && ! grep -q 'x.png\.' "$tmp/err"
check "render --out into a missing folder: exit 1, names the path given ($(head -c 200 "$tmp/err"))" $?

render --view boundary --dataset digits --hidden 8 --epochs 1 --out "$tmp/digits.png" \
  >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q 'not available for image data' "$tmp/err" && [ ! -e "$tmp/digits.png" ]
check "render a plane view of image data: exit 2, says it is not available ($(head -c 200 "$tmp/err"))" $?

render --view loss --dataset digits --hidden 8 --epochs 2 --out "$tmp/digits-loss.png" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(magic "$tmp/digits-loss.png" 8)" = 89504e470d0a1a0a ]
check "render the loss curves of image data" $?

# An image network is drawn as one sample through its layers, and so is a moment of stepping.
render --view network --dataset digits --hidden c4k3,p2,16 --epochs 1 --out "$tmp/digits-net.png" \
  2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(magic "$tmp/digits-net.png" 8)" = 89504e470d0a1a0a ]
check "render an image network's picture ($(head -c 200 "$tmp/err"))" $?
render --view network --dataset digits --hidden c4k3,p2,16 --epochs 1 --phase update \
  --out "$tmp/digits-update.png" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(magic "$tmp/digits-update.png" 8)" = 89504e470d0a1a0a ] \
  && ! cmp -s "$tmp/digits-net.png" "$tmp/digits-update.png"
check "render an image network stepped to its update ($(head -c 200 "$tmp/err"))" $?

render --view boundary --dataset iris --hidden 8 --epochs 5 --out "$tmp/iris.png" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(magic "$tmp/iris.png" 8)" = 89504e470d0a1a0a ]
check "render iris's boundary (on petal length and width)" $?

# The image views: each in each format, at the size asked for, the same bytes for the same seed.
img=(--dataset digits --hidden c4k3,p2,8 --epochs 1 --seed 5)
for view in filters featuremaps confusion; do
  for ext in png svg pdf; do
    out="$tmp/img-$view.$ext"
    render --view "$view" "${img[@]}" --out "$out" --size 400x300 >/dev/null 2>"$tmp/err"; rc=$?
    [ $rc = 0 ] && [ -s "$out" ]
    check "$view.$ext of digits: exit 0, not empty (rc $rc: $(head -c 200 "$tmp/err"))" $?
  done
  [ "$(png_size "$tmp/img-$view.png")" = 400x300 ]
  check "$view.png is 400x300" $?
  render --view "$view" "${img[@]}" --out "$tmp/again.png" --size 400x300 2>/dev/null
  cmp -s "$tmp/img-$view.png" "$tmp/again.png"
  check "$view: same seed, same bytes" $?
done

# --sample chooses the test image: another image, another picture.
render --view featuremaps "${img[@]}" --sample 17 --out "$tmp/s17.png" --size 400x300 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && ! cmp -s "$tmp/img-featuremaps.png" "$tmp/s17.png"
check "featuremaps --sample 17: another picture" $?
render --view featuremaps "${img[@]}" --sample 360 --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--sample' "$tmp/err" && grep -q '360' "$tmp/err" && [ ! -e "$tmp/x.png" ]
check "featuremaps --sample past the test set: exit 2, says how many there are" $?
for bad in -1 x 1.5; do
  render --view featuremaps "${img[@]}" --sample "$bad" --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
  [ $rc = 2 ] && grep -q -- '--sample' "$tmp/err"
  check "featuremaps --sample $bad: exit 2, names --sample" $?
done
render --view filters "${img[@]}" --sample 3 --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--sample' "$tmp/err"
check "--sample with another view: exit 2" $?

# A network without conv layers shows its first layer's weights as images; apples in colour.
render --view filters --dataset digits --hidden 6 --epochs 1 --out "$tmp/dense.png" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ -s "$tmp/dense.png" ]
check "filters of a dense net on digits" $?
render --view filters --dataset apples --count 200 --hidden c4k3,p2 --epochs 1 --out "$tmp/apples.png" \
  2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ -s "$tmp/apples.png" ]
check "filters of a conv net on apples" $?

# Plane data has no images: a clear refusal, before any training, nothing written.
for view in filters featuremaps; do
  render --view "$view" --dataset circle --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
  [ $rc = 2 ] && grep -q "$view: needs image data" "$tmp/err" && [ ! -e "$tmp/x.png" ]
  check "$view of plane data: exit 2, needs image data ($(head -c 200 "$tmp/err"))" $?
done
render --view confusion --dataset reg-plane --out "$tmp/x.png" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q 'confusion: needs classes' "$tmp/err" && [ ! -e "$tmp/x.png" ]
check "confusion of a regression: exit 2, needs classes" $?
render --view confusion --dataset iris --hidden 8 --epochs 5 --out "$tmp/iris-c.png" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ -s "$tmp/iris-c.png" ]
check "confusion of iris (classes without images)" $?

echo "1..$n"
exit $fail
