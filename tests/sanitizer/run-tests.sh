#!/usr/bin/env bash
# Runs the model, sim and CLI tests of a sanitizer build (-DSWB_FUZZ=ON or -DSWB_SANITIZE=ON,
# target swb_nonui_tests; see the README's "Sanitizer tests"), and the canary that shows an
# out-of-range float-to-integer conversion stops the program.
#
#   tests/sanitizer/run-tests.sh BUILD_DIR [JOBS]
#
# Exit 0 when every test passed with no sanitizer finding.
set -uo pipefail

build="$(cd "${1:?build folder}" && pwd)"
jobs="${2:-2}"
# halt_on_error: any finding fails the test that hit it (the build also has
# -fno-sanitize-recover=all); the tests' swb children inherit these options.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:fast_unwind_on_malloc=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Leaks fail a test too, except what lsan.supp names (with its reason); full unwinding at malloc
# (fast_unwind_on_malloc=0) so that stacks through Qt reach the frames it names.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lsan.supp}"
cd "$build" && QT_QPA_PLATFORM=offscreen ctest -L '^(model|sim|simcore|cli|sanitizer)$' \
  -j "$jobs" --output-on-failure
