#!/usr/bin/env bash
# The wall-clock guard (CI): the hub and browser tests again with the suite's day a year before and a year after
# the real date (MC_TEST_DAY, see test/helpers/days.ts). Business time is the hub's injected clock; a test or a page
# that compares it with the real clock fails here. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# the tests where the test clock meets a browser, a cookie, a page or the hub's HTTP and MQTT answers
FILES=(test/admin/admin-pages.test.ts test/kiosk/console.test.ts test/kiosk/kiosk-more.test.ts test/kiosk/kiosk-saturday.test.ts
  test/display/hall.test.ts test/display/counter.test.ts
  test/hub/hub.test.ts test/hub/printing.test.ts test/hub/rating.test.ts test/hub/restart.test.ts
  test/reports/day.test.ts test/reports/page.test.ts test/reports/month.test.ts test/onestop/hub-mqtt.test.ts
  test/fault/csrf.test.ts test/fault/ticket-privacy.test.ts test/messages/retention.test.ts
  test/booking/booking-page.test.ts test/booking/privacy.test.ts test/kiosk/kiosk-live-ticket.test.ts test/kiosk/kiosk-wait.test.ts)
# Each file runs once, half of them a year back and half a year forward (CI's time limit); the halves swap every
# ISO week, so over two weeks every file meets both shifts. MC_SHIFT_ALL=1 runs every file at both shifts.
week=$((10#$(date +%V)))
back=(); fwd=()
for i in "${!FILES[@]}"; do
  if [ "${MC_SHIFT_ALL:-0}" = 1 ]; then back+=("${FILES[$i]}"); fwd+=("${FILES[$i]}")
  elif [ $(( (i + week) % 2 )) -eq 0 ]; then back+=("${FILES[$i]}"); else fwd+=("${FILES[$i]}"); fi
done
pass=0; fail=0; rc=0
for shift in -365 +365; do
  if [ "$shift" = -365 ]; then set -- "${back[@]}"; else set -- "${fwd[@]}"; fi
  log=$(mktemp)
  echo "== $# hub and browser test files with the suite's day moved to the working Tuesday after $(date -d "${shift} days" +%F)"
  MC_TEST_DAY="$shift" npx tap --jobs=3 "$@" 2>&1 | tee "$log" | grep -E '^(not )?ok [0-9]+ - '
  r=${PIPESTATUS[0]}
  summary=$(grep -E '^# \{ total: [0-9]+' "$log" | tail -1)
  p=$(sed -nE 's/.*pass: ([0-9]+).*/\1/p' <<<"$summary"); f=$(sed -nE 's/.*fail: ([0-9]+).*/\1/p' <<<"$summary")
  if [ "$r" -ne 0 ]; then rc=1; [ "${f:-0}" -eq 0 ] && f=1; grep -E '^\s*not ok' "$log" | head -40; fi
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  rm -f "$log"
done
echo "${pass} passed, ${fail} failed"
exit "$rc"
