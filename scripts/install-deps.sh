#!/usr/bin/env bash
# Installs every Debian and npm dependency Pol needs, idempotently: only what is
# missing is installed, and `apt-get update` runs at most once per invocation.
# Usage: scripts/install-deps.sh [--no-npm]
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(
  # toolchain
  g++ cmake make ninja-build pkg-config ccache clang-14 libclang-rt-14-dev lld
  # convention checks (make test): formatting, clang-tidy (make tidy)
  clang-format-14 clang-tidy-14
  # libraries
  libboost1.81-dev libsqlite3-dev libicu-dev libsodium-dev libspdlog-dev libfmt-dev
  nlohmann-json3-dev libtomlplusplus-dev libcurl4-openssl-dev libpugixml-dev libgumbo-dev zlib1g-dev
  libvips-dev
  # reports: PDF through Pango + Cairo (HarfBuzz shaping), XLSX through libxlsxwriter; brotli for compression
  libpango1.0-dev libcairo2-dev libharfbuzz-dev libxlsxwriter-dev libbrotli-dev
  # the second storage backend: PostgreSQL 15 (libpq; the server binaries for the test run's own initdb)
  libpq-dev postgresql-15
  libgtest-dev libgmock-dev libbenchmark-dev
  # data: the Persian word list used by the stemmer's lexicon
  myspell-fa
  # test and bench tools
  chromium sqlite3 wrk curl python3 nodejs npm newsboat
  # deployment test: pol serve behind a real nginx reverse proxy on loopback
  nginx
  # distribution tests: a real SMTP server on loopback
  python3-aiosmtpd
  # report tests: PDF text (pdftotext, pdftoppm), XLSX and iCalendar read back by real readers
  poppler-utils python3-openpyxl python3-icalendar
)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # node/npm may come from elsewhere (e.g. NodeSource); accept any working binary.
    case "$p" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

if [ "${1:-}" != "--no-npm" ]; then
  for dir in web tests/e2e; do
    [ -f "$dir/package.json" ] || continue
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "install-deps: npm ci in $dir/"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
fi
