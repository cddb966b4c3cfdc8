#!/bin/sh
# A demo apprentice through the rules engine: gateway, the EPA plan, bookings, grading.
set -u
cd "$(dirname "$0")/.."
run() {
  printf '\n$ %s < %s\n' "$1" "$2"
  # shellcheck disable=SC2086
  ./bin/capstone $1 < "$2"
  printf '(exit %s)\n' "$?"
}
echo "Capstone rules engine demo: an ST0071@1.2 apprentice assessed under PAL's policy"
run "gateway check" examples/gateway-st0071.json
printf '\n$ capstone plan (gateway approved 2026-01-12)\n'
echo '{"standard": "ST0071@1.2", "policy": "PAL", "gatewayApproved": "2026-01-12"}' | ./bin/capstone plan
run "plan check" examples/plan-check-st0071.json
run "grade" examples/grade-st0071.json
echo
echo "and an ST0072@1.1 apprentice in a non-facing role, one observation criterion carried to the discussion:"
run "grade" examples/grade-st0072.json
