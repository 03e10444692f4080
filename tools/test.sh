#!/usr/bin/env bash
# `npm test`: the type check and lint (`npm run checks`) run beside jest, not before it — jest's workers
# leave a core idle while they wait on servers, child processes and timers, and the checks fill it.
# Arguments go to jest (`npm test -- test/network.test.ts`). Fails if either fails.
set -u
npm run -s checks &
checks=$!
jest "$@"
tests=$?
wait "$checks"
checked=$?
if [ "$checked" -ne 0 ]; then echo "npm test: type check or lint failed (npm run checks)" >&2; fi
[ "$tests" -eq 0 ] && [ "$checked" -eq 0 ]
