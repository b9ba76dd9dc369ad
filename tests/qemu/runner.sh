#!/usr/bin/env bash
# qemu-run's contract: a failing script's status comes back, a hung guest is
# killed at the time bound with exit 124, and no QEMU is left behind.
set -euo pipefail
. ./lib.sh

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

echo 'echo "guest says hi"; exit 3' > "$scratch/fail.sh"
set +e
out=$("$QEMU_RUN" -t 90 -s "$scratch/fail.sh")
rc=$?
set -e
[ "$rc" = 3 ] || fail "script exit status 3 came back as $rc"
[ "$out" = "guest says hi" ] || fail "script output was '$out'"
ok "exit status and output of a failing script propagate"

echo 'echo started; sleep 600' > "$scratch/hang.sh"
set +e
start=$SECONDS
"$QEMU_RUN" -t 15 -s "$scratch/hang.sh" > "$scratch/hang.out" 2>&1
rc=$?
set -e
[ "$rc" = 124 ] || fail "hung guest: exit $rc, want 124"
grep -q "timeout" "$scratch/hang.out" || fail "no timeout message"
grep -q "started" "$scratch/hang.out" || fail "output before the hang lost"
[ $((SECONDS - start)) -lt 60 ] || fail "timeout took $((SECONDS - start))s"
ok "a hung guest is stopped at the time bound with exit 124"

if pgrep -f "$scratch" >/dev/null; then
	pgrep -af "$scratch" >&2
	fail "processes left behind"
fi
ok "no process left behind"
