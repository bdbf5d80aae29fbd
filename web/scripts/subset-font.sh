#!/usr/bin/env bash
# Makes web/src/fonts/Vazirmatn[wght]-fa-latin.woff2, the one font of the console and the public site:
# Vazirmatn's variable font (node_modules/vazirmatn, the version in package-lock.json) cut to what Persian
# pages use — basic Latin and Latin-1, the Arabic letters Persian writes (with ي ك ة and the hamza forms
# people paste), harakat, Persian and Arabic digits and separators, ZWNJ and the direction marks, general
# punctuation, arrows, the rial sign — with every OpenType feature and the weight axis kept (111 KB → 72 KB).
# A character outside the set falls back to the next font of the stack. Run after upgrading vazirmatn and
# commit the result. Needs fontTools and brotli (Debian: python3-fonttools python3-brotli).
set -euo pipefail
cd "$(dirname "$0")/.."
ranges=(
  U+0000-00FF U+0131 U+0152-0153 U+02C6 U+02DA U+02DC                  # Latin, Latin-1
  U+060C U+061B U+061F U+0621-063A U+0640-0655 U+0660-066D U+0670-0671  # Arabic letters, harakat, digits
  U+067E U+0686 U+0698 U+06A9 U+06AF U+06BE U+06C0-06C1 U+06CC U+06D5   # Persian letters
  U+06F0-06F9                                                           # Persian digits
  U+200C-200F U+2010-2027 U+202A-202E U+2030-205E                       # ZWNJ, marks, punctuation
  U+20AC U+2122 U+2190-2193 U+2212 U+2215 U+FDFC U+FEFF U+FFFD
)
"${PYTHON:-/usr/bin/python3}" -m fontTools.subset 'node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2' \
  --unicodes="$(IFS=,; echo "${ranges[*]}")" --layout-features='*' --flavor=woff2 \
  --output-file='src/fonts/Vazirmatn[wght]-fa-latin.woff2'
ls -l 'src/fonts/Vazirmatn[wght]-fa-latin.woff2'
