#!/bin/sh
# `npm run check` after the lint: the type check beside the tests instead of before them.
# The tests' first seconds start PostgreSQL and load the demo template on one core, so the
# type check mostly uses a core that would otherwise wait. Both must pass.
npm run --silent typecheck &
typecheck=$!
npm test
tests=$?
wait "$typecheck"
types=$?
[ "$types" -eq 0 ] && [ "$tests" -eq 0 ]
