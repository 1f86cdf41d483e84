#!/usr/bin/env bash
# Regenerates the seeds of tests/fuzz/corpus that come from the product itself: the bundled
# patterns as projects, design text and SAM templates, short runs' results, the built-in price
# list, and the SAM test templates of ../shared/testdata/sam. The hand-written regression inputs
# (files named after the finding they reproduce) are committed as they are and not touched.
#
#   tests/fuzz/make-seeds.sh BUILD_DIR      (a normal build: BUILD_DIR/app/swb)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
swb="$(cd "${1:?build folder}" && pwd)/app/swb"
c="$here/corpus"
export QT_QPA_PLATFORM=offscreen

for p in $("$swb" new --list | awk '{print $1}'); do
  "$swb" new --pattern "$p" --force "$c/projectfile/pattern-$p.swb" > /dev/null
  "$swb" convert "$c/projectfile/pattern-$p.swb" "$c/textformat/pattern-$p.swb.yaml" --force
  "$swb" export sam "$c/projectfile/pattern-$p.swb" "$c/samimport/pattern-$p.yaml" --force > /dev/null
  "$swb" simulate "$c/projectfile/pattern-$p.swb" --duration 30s --out "$c/results/pattern-$p.json" --force > /dev/null 2>&1
done
cp "$root/resources/pricing/us-east-1.json" "$c/pricing/us-east-1.json"
shared="$root/../shared/testdata/sam"
if [ -d "$shared" ]; then
  for f in "$shared"/*/template.y*ml; do
    cp "$f" "$c/samimport/testdata-$(basename "$(dirname "$f")").yaml"
  done
fi
echo "seeds written to $c"
