#!/usr/bin/env bash
# One-stop set-up for a fresh Debian 12 machine: installs the Debian packages the build needs,
# configures and builds (Release), then either starts the GUI on a bundled example ("run") or runs
# the whole test suite headless ("test"). Run as root or as a user with sudo.
#
#   bash packaging/setup.sh run    # build and open the SNS fan-out example
#   bash packaging/setup.sh test   # build and run every test (Qt offscreen platform)
set -euo pipefail

mode="${1:-run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SWB_BUILD_DIR:-$here/build}"
jobs="${SWB_JOBS:-2}"

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libgl1-mesa-dev
  libboost-graph-dev libsqlite3-dev libyaml-cpp-dev libxlsxwriter-dev libgraphviz-dev
  xvfb xauth poppler-utils unzip sqlite3
  desktop-file-utils appstream dpkg-dev file help2man lintian man-db
  libreoffice-calc-nogui
  clang libclang-rt-14-dev
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build" -j "$jobs"
}

install_packages
configure_and_build

case "$mode" in
  run)
    example="$build/examples/sns-fanout.swb"
    mkdir -p "$(dirname "$example")"
    "$build/app/swb" new --pattern sns-fanout --force "$example" >/dev/null
    exec "$build/app/serverless-workbench" "$example"
    ;;
  test)
    cd "$build"
    # The GUI tests need no display: Qt's offscreen platform is set per test by CTest.
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$jobs" --timeout 600
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
