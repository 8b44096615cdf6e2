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
  name=$(printf '%s' "$1" | tr '\n' ' ') # a TAP line is one line, whatever the message quoted
  if [ "$2" = 0 ]; then echo "ok $n - $name"; else echo "not ok $n - $name"; fail=1; fi
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

# The program's own help and version, and verbs that do not exist (DESIGN.md, "Command line").
# Without a display: a misspelt verb must be refused, never open a window on a file "trian".
"$bin" --help >"$tmp/help" 2>&1; rc=$?
[ $rc = 0 ] && grep -Eq '^  train ' "$tmp/help" && grep -Eq '^  render ' "$tmp/help" \
  && grep -q 'neuroscope train --help' "$tmp/help"
check "neuroscope --help lists the verbs and how to get each one's help" $?

"$bin" --version >"$tmp/out" 2>&1; rc=$?
[ $rc = 0 ] && grep -Eq '^neuroscope [0-9]+\.[0-9]+' "$tmp/out"
check "--version prints the version" $?

(cd "$tmp" && env -u DISPLAY -u WAYLAND_DISPLAY "$bin" trian --dataset circle >"$tmp/out" 2>"$tmp/err"); rc=$?
[ $rc = 2 ] && grep -q 'unknown command “trian”, did you mean “train”?' "$tmp/err" \
  && ! grep -q -- 'Unknown option' "$tmp/err"
check "a misspelt verb: exit 2, did you mean train (rc $rc: $(head -c 200 "$tmp/err"))" $?

(cd "$tmp" && env -u DISPLAY -u WAYLAND_DISPLAY "$bin" rendr >/dev/null 2>"$tmp/err"); rc=$?
[ $rc = 2 ] && grep -q 'did you mean “render”' "$tmp/err"
check "rendr: did you mean render" $?

(cd "$tmp" && env -u DISPLAY -u WAYLAND_DISPLAY "$bin" frobnicate >/dev/null 2>"$tmp/err"); rc=$?
[ $rc = 2 ] && grep -q 'unknown command “frobnicate”' "$tmp/err" && grep -q 'train' "$tmp/err" \
  && ! grep -q 'did you mean' "$tmp/err"
check "a word near no verb: exit 2, lists the verbs" $?

(cd "$tmp" && env -u DISPLAY -u WAYLAND_DISPLAY "$bin" export-code >/dev/null 2>"$tmp/err"); rc=$?
[ $rc = 2 ] && grep -q -- '--framework' "$tmp/err"
check "export-code without --framework: exit 2, names --framework" $?

(cd "$tmp" && env -u DISPLAY -u WAYLAND_DISPLAY "$bin" export-code --framework pytorch \
  --dataset xor --weights --steps 3 >"$tmp/out" 2>"$tmp/err"); rc=$?
[ $rc = 0 ] && grep -q '^import torch$' "$tmp/out" && grep -q 'set_parameters(' "$tmp/out"
check "export-code --framework pytorch: the code on stdout, no display needed (rc $rc)" $?

# Counts are positive whole numbers; each message names its option.
for bad in "--epochs -5" "--epochs 0" "--epochs 1.5" "--epochs ten" "--steps -1" "--steps 2.5" \
  "--every -1" "--epochs 99999999999"; do
  # shellcheck disable=SC2086
  "$bin" train --dataset xor $bad >"$tmp/out" 2>"$tmp/err"; rc=$?
  opt=${bad%% *}
  [ $rc = 2 ] && grep -q -- "$opt" "$tmp/err" && ! grep -q '^train_loss=' "$tmp/out"
  check "train $bad: exit 2, names $opt, no training (rc $rc)" $?
done

"$bin" train foo --epochs 1 >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q '“foo”' "$tmp/err" && [ ! -s "$tmp/out" ]
check "a stray argument: exit 2, names it" $?

"$bin" train --dataset circle --data "$tmp/bad.csv" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--dataset and --data' "$tmp/err"
check "--dataset with --data: exit 2, a conflict said so" $?

# --save is checked before training: the path as given, no temporary file, no progress lines.
"$bin" train --dataset xor --epochs 5 --save "$tmp/no/such/dir/run.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q -- "--save: $tmp/no/such/dir/run.json" "$tmp/err" \
  && grep -q 'does not exist' "$tmp/err" && [ ! -s "$tmp/out" ]
check "--save into a missing folder: exit 1 before training, names the path ($(head -c 200 "$tmp/err"))" $?

"$bin" train --dataset xor --epochs 5 --save "$tmp" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'not a regular file' "$tmp/err" && [ ! -s "$tmp/out" ]
check "--save onto a folder: exit 1 before training" $?

if [ "$(id -u)" != 0 ]; then
  printf 'keep me' >"$tmp/kept.json"
  chmod 444 "$tmp/kept.json"
  "$bin" train --dataset xor --epochs 5 --save "$tmp/kept.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc = 1 ] && grep -q 'write-protected' "$tmp/err" && [ ! -s "$tmp/out" ] \
    && [ "$(cat "$tmp/kept.json")" = "keep me" ]
  check "--save onto a write-protected file: exit 1 before training, the file kept" $?
fi

# The built-in image and measurement sets (issue 11): digits as 8x8 images with a stratified 20%
# test set, learnt by a small dense network; iris; conv layers only on image data.
out=$("$bin" train --dataset digits --hidden 32 --optimizer adam --lr 0.01 --epochs 20 2>"$tmp/err"); rc=$?
last=$(printf '%s\n' "$out" | tail -n 1)
echo "# digits: $last"
[ $rc = 0 ] && printf '%s\n' "$last" | grep -Eq 'test_accuracy=(0\.9[0-9]*|1\.0+)$'
check "digits, hidden 32, Adam, 20 epochs: test accuracy >= 0.9 ($last)" $?

out=$("$bin" train --dataset iris --hidden 8 --epochs 30 2>"$tmp/err"); rc=$?
last=$(printf '%s\n' "$out" | tail -n 1)
[ $rc = 0 ] && printf '%s\n' "$last" | grep -Eq 'test_accuracy=(0\.[89][0-9]*|1\.0+)$'
check "iris trains past 0.8 test accuracy ($last)" $?

"$bin" train --dataset circle --hidden c8k3,p2,8 --epochs 1 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--hidden' "$tmp/err" && grep -q 'need image data' "$tmp/err"
check "conv layers on plane data: exit 2, says they need image data" $?

# An image experiment saved and loaded goes on as if never stopped.
a=$("$bin" train --dataset digits --hidden 16 --epochs 4 --seed 2 | tail -n 1)
"$bin" train --dataset digits --hidden 16 --epochs 2 --seed 2 --save "$tmp/digits.json" >/dev/null
b=$("$bin" train --load "$tmp/digits.json" --epochs 2 | tail -n 1)
[ -n "$a" ] && [ "$a" = "$b" ] && grep -q '"dataset" *: *"digits"' "$tmp/digits.json" \
  && grep -q '"image"' "$tmp/digits.json"
check "digits: save after 2 epochs, load, 2 more == 4 in one run" $?

# A folder of one's own images, one subfolder per class: trained as 16x16 RGB; a file that does
# not load is named and skipped.
red=iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAA3NCSVQICAjb4U/gAAAAFklEQVQI12P8r6DAwMDAxMDAwMDAAAAP/QFDyvBgLQAAAABJRU5ErkJggg==
blue=iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAA3NCSVQICAjb4U/gAAAAFklEQVQI12NUUPjPwMDAxMDAwMDAAAAOPwFD5sL0KwAAAABJRU5ErkJggg==
mkdir -p "$tmp/imgs/red" "$tmp/imgs/blue"
for k in 1 2 3 4 5; do
  printf '%s' "$red" | base64 -d >"$tmp/imgs/red/r$k.png"
  printf '%s' "$blue" | base64 -d >"$tmp/imgs/blue/b$k.png"
done
printf 'not a picture' >"$tmp/imgs/red/broken.png"
out=$("$bin" train --data "$tmp/imgs" --hidden 4 --epochs 5 2>"$tmp/err"); rc=$?
[ $rc = 0 ] && grep -q 'broken.png' "$tmp/err" && printf '%s\n' "$out" | tail -n 1 | grep -q '^train_loss='
check "an image folder trains; a broken file is named ($(head -c 200 "$tmp/err"))" $?

mkdir -p "$tmp/imgs/green"
"$bin" train --data "$tmp/imgs" --epochs 1 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "$tmp/imgs/green" "$tmp/err"
check "an image folder with an empty class: exit 1, names the folder" $?

# More images than a saved file can hold and load again: refused before training, no file.
"$bin" train --dataset apples --count 30000 --hidden 2 --epochs 1 --save "$tmp/big.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'cannot save' "$tmp/err" && grep -q -- '--count' "$tmp/err" && [ ! -e "$tmp/big.json" ] \
  && ! grep -q '^epoch' "$tmp/out"
check "--save of 30,000 pictures: exit 1 before training, says to lower --count ($(head -c 200 "$tmp/err"))" $?

# compare: the data-scaling experiment. A tiny run gives the CSV's exact header and one row per
# model, fraction and run, the same bytes twice, a plot, and a summary on stdout.
tiny="--dataset apples --count 200 --models logreg_features,cnn --fractions 0.5,1 --runs 1 --epochs 2"
"$bin" compare $tiny --csv-out "$tmp/c1.csv" --out "$tmp/c1.png" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && [ "$(head -n 1 "$tmp/c1.csv")" = "model,fraction,seed,train_samples,test_accuracy" ] \
  && [ "$(wc -l <"$tmp/c1.csv")" = 5 ] \
  && [ "$(grep -Ec '^(logreg_features|cnn),(0\.5|1),1,(80|160),(0|1|0\.[0-9]+)$' "$tmp/c1.csv")" = 4 ] \
  && head -c 8 "$tmp/c1.png" | od -c | grep -q 'P   N   G'
check "compare: CSV of 4 rows with the exact columns, and a PNG ($(head -c 300 "$tmp/err"))" $?
grep -q '^cnn ' "$tmp/out" && grep -Eq '^From 80 to 160 training images .*leads with [0-9]+\.[0-9]%\.$' "$tmp/out"
check "compare: the summary's table and sentence on stdout" $?
"$bin" compare $tiny --csv-out "$tmp/c2.csv" >/dev/null 2>&1
cmp -s "$tmp/c1.csv" "$tmp/c2.csv"
check "compare: the same CSV bytes twice" $?

for bad in "--models mlp,svm:--models" "--fractions 0.5,2:--fractions" "--runs 0:--runs" \
  "--runs x:--runs" "--count 5:--count" "--hidden 8,x:--hidden" "--hidden 8,c4k3:--hidden" \
  "--out plot.gif:--out" "--size 0x1:--size" "--epochs -1:--epochs" "--seed -3:--seed"; do
  opt=${bad%%:*}; name=${bad##*:}
  "$bin" compare --dataset apples --count 100 $opt --csv-out "$tmp/refused.csv" >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc = 2 ] && grep -q -- "$name" "$tmp/err" && [ ! -e "$tmp/refused.csv" ]
  check "compare $opt: exit 2 naming $name" $?
done
"$bin" compare --models mlp >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--dataset' "$tmp/err"
check "compare without --dataset: exit 2" $?
"$bin" compare --dataset spiral >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--dataset' "$tmp/err" && grep -q 'digits' "$tmp/err"
check "compare on a 2D set: exit 2, says which data it takes" $?
"$bin" compare --dataset digits --count 100 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q -- '--count' "$tmp/err"
check "compare --count on digits: exit 2" $?
"$bin" compare --dataset apples --count 100 --csv-out "$tmp/no/such/dir/x.csv" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q 'x.csv' "$tmp/err"
check "compare --csv-out in a missing folder: exit 1 before any run" $?
"$bin" render --view compare --out "$tmp/v.png" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q 'needs image data' "$tmp/err" && [ ! -e "$tmp/v.png" ]
check "render --view compare of the default plane data: exit 2, needs image data" $?
"$bin" --help >"$tmp/help"; "$bin" compare --help >"$tmp/chelp"
grep -q '^  compare' "$tmp/help" && grep -q -- '--fractions' "$tmp/chelp" && grep -q -- '--csv-out' "$tmp/chelp"
check "--help lists compare, compare --help its options" $?

# Ctrl+C: the run stops, says so, and writes neither file. Sent once the first row is out (the
# handler is in place by then; a background job of a script starts with SIGINT ignored).
"$bin" compare --dataset apples --count 1000 --models knn_features,cnn --epochs 100000 \
  --csv-out "$tmp/int.csv" --out "$tmp/int.png" >"$tmp/int.out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 600); do grep -q '^run 1/' "$tmp/int.out" && break; sleep 0.1; done
sleep 0.2
kill -INT $pid
wait $pid; rc=$?
[ $rc = 130 ] && grep -q 'cancelled' "$tmp/err" && [ ! -e "$tmp/int.csv" ] && [ ! -e "$tmp/int.png" ] \
  && [ -z "$(ls -A "$tmp" | grep 'int\.csv\|int\.png')" ]
check "compare: SIGINT cancels, exit 130, no file left (rc $rc: $(head -c 200 "$tmp/err"))" $?

echo "1..$n"
exit $fail
