#!/usr/bin/env bash
# Runs the libFuzzer targets of a -DSWB_FUZZ=ON build (see the README's "Fuzzing").
#
#   tests/fuzz/run-fuzz.sh regress BUILD_DIR          every corpus file through every target, and
#                                                     each target's regression-refused-* refused
#   tests/fuzz/run-fuzz.sh fuzz BUILD_DIR SECONDS     each target fuzzed SECONDS, two at a time;
#                                                     fails on any finding (kept in BUILD_DIR/fuzz-findings)
#   tests/fuzz/run-fuzz.sh campaign BUILD_DIR SECONDS [TARGET...]
#                                                     a long run into BUILD_DIR/fuzz-campaign/<target>
#                                                     (the corpus grows there; findings beside it)
# Exit 0 when no target crashed, leaked, broke a property or timed out.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode="${1:?usage: run-fuzz.sh regress|fuzz|campaign BUILD_DIR [SECONDS] [TARGET...]}"
build="$(cd "${2:?build folder}" && pwd)"
targets=(projectfile textformat samimport results pricing replay filterpolicy retriers)
# Qt leaks a few allocations at exit by design; the sanitizers' leak check would flag them.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
# Bounds every input: 2 GB; replaying the corpus, 60 s (a slow, loaded CI machine) and up to
# 4 MB (whole files); fuzzing, 10 s and inputs of at most 128 KB (every seed fits whole), so each
# run stays fast.
limits=(-timeout=60 -rss_limit_mb=2048 -max_len=4194304)
fuzz_limits=(-timeout=10 -rss_limit_mb=2048 -max_len=131072)

binary() { echo "$build/tests/fuzz/fuzz_$1"; }

for t in "${targets[@]}"; do
  [ -x "$(binary "$t")" ] || { echo "missing $(binary "$t"): build with -DSWB_FUZZ=ON" >&2; exit 2; }
done

case "$mode" in
  regress)
    # Every committed corpus file (seeds and minimised regression inputs of every target)
    # through every target: a reader that crashes on another reader's input fails too.
    mapfile -t files < <(find "$here/corpus" -type f | sort)
    status=0
    for t in "${targets[@]}"; do
      if ! "$(binary "$t")" "${limits[@]}" -runs=1 "${files[@]}" > "$build/fuzz-regress-$t.log" 2>&1; then
        echo "FAIL  fuzz_$t on the corpus (log: $build/fuzz-regress-$t.log)"
        tail -30 "$build/fuzz-regress-$t.log"
        status=1
      else
        echo "ok    fuzz_$t: ${#files[@]} corpus files"
      fi
      # Inputs a reader once accepted silently must now be refused by their own target.
      mapfile -t refused < <(find "$here/corpus/$t" -type f -name 'regression-refused-*' | sort)
      [ ${#refused[@]} -gt 0 ] || continue
      if ! SWB_FUZZ_EXPECT_REFUSAL=1 "$(binary "$t")" "${limits[@]}" -runs=1 "${refused[@]}" \
          > "$build/fuzz-refused-$t.log" 2>&1; then
        echo "FAIL  fuzz_$t accepts an input it must refuse (log: $build/fuzz-refused-$t.log)"
        tail -30 "$build/fuzz-refused-$t.log"
        status=1
      else
        echo "ok    fuzz_$t: refuses its ${#refused[@]} regression-refused-* inputs"
      fi
    done
    exit $status
    ;;
  fuzz|campaign)
    seconds="${3:?seconds per target}"
    shift 3
    [ $# -gt 0 ] && targets=("$@")
    out="$build/fuzz-$([ "$mode" = fuzz ] && echo findings || echo campaign)"
    mkdir -p "$out"
    run_one() {
      local t="$1" work="$out/$1"
      mkdir -p "$work/corpus" "$work/findings"
      # The committed corpus seeds the run; new inputs go to the work folder only.
      "$(binary "$t")" "${fuzz_limits[@]}" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$work/findings/" "$work/corpus" "$here/corpus/$t" \
        > "$work/log" 2>&1
      local rc=$?
      local execs cov
      execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$')
      cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*')
      if [ $rc -ne 0 ] || [ -n "$(ls -A "$work/findings")" ]; then
        echo "FAIL  fuzz_$t: exit $rc after ${execs:-?} runs (findings in $work/findings, log $work/log)"
        grep -E 'ERROR|property broken|runtime error|SUMMARY' "$work/log" | head -5
        return 1
      fi
      echo "ok    fuzz_$t: ${execs:-?} runs in ${seconds} s, coverage ${cov:-?} edges, $(ls "$work/corpus" | wc -l) new corpus inputs"
    }
    status=0
    # Two at a time: the machines have two cores.
    for ((i = 0; i < ${#targets[@]}; i += 2)); do
      run_one "${targets[i]}" > "$out/.status-$i" &
      pid=$!
      if [ $((i + 1)) -lt ${#targets[@]} ]; then
        run_one "${targets[i+1]}" > "$out/.status-$((i+1))" || status=1
      fi
      wait $pid || status=1
      cat "$out/.status-$i"; [ -f "$out/.status-$((i+1))" ] && cat "$out/.status-$((i+1))"
      rm -f "$out"/.status-*
    done
    exit $status
    ;;
  *)
    echo "usage: run-fuzz.sh regress|fuzz|campaign BUILD_DIR [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac
