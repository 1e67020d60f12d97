#!/usr/bin/env bash
# The test command (npm test): set up the machine, run every test with tap, end with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
mkdir -p artifacts
log=$(mktemp)
npx tap "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# tap's own closing line looks like "# { total: 131, pass: 130, fail: 1 }": restate it plainly
summary=$(grep -E '^# \{ total: [0-9]+' "$log" | tail -1)
pass=$(sed -nE 's/.*pass: ([0-9]+).*/\1/p' <<<"$summary"); pass=${pass:-0}
fail=$(sed -nE 's/.*fail: ([0-9]+).*/\1/p' <<<"$summary"); fail=${fail:-0}
skip=$(sed -nE 's/.*skip: ([0-9]+).*/\1/p' <<<"$summary"); skip=${skip:-0}
todo=$(sed -nE 's/.*todo: ([0-9]+).*/\1/p' <<<"$summary"); todo=${todo:-0}
rm -f "$log"
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
echo "${pass} passed, ${fail} failed, $((skip + todo)) skipped"
exit "$rc"
