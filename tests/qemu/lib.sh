# Helpers for test scripts, host side and guest side (busybox sh). Each
# check prints what it checked; a failing one exits the script non-zero.
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

ok() {
	echo "ok: $*"
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND until it succeeds.
wait_for() {
	local secs=$1 what=$2 i
	shift 2
	for i in $(seq $((secs * 5))); do
		if "$@" >/dev/null 2>&1; then
			ok "$what"
			return 0
		fi
		sleep 0.2
	done
	fail "$what: not within ${secs}s"
}

# use_scratch: a scratch directory in $scratch, also the TMPDIR of the QEMU
# runs (so nothing outlives the test), removed on exit.
use_scratch() {
	scratch=$(mktemp -d)
	trap 'rm -rf "$scratch"' EXIT
	export TMPDIR=$scratch
}

guest_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/guest-lib.sh

# run_guest QEMU_RUN_ARGS...: one boot through qemu-run (the arguments name
# the guest script, files, ...), the script's output in $scratch/out and the
# serial console, CRs removed, in $scratch/serial. Fails unless the script
# exits 0 having printed guest-done, and the hypervisor reported nothing
# fatal. The guest gets guest-lib.sh, the guest scripts' helpers.
run_guest() {
	local rc

	set +e
	"$QEMU_RUN" -S "$scratch/serial.log" -f "$guest_lib" "$@" |
		tee "$scratch/out"
	rc=${PIPESTATUS[0]}
	set -e
	tr -d '\r' < "$scratch/serial.log" > "$scratch/serial" || true
	if [ "$rc" != 0 ]; then
		grep "^Bulkhead" "$scratch/serial" | tail -n 30 >&2 || true
		tail -n 30 "$scratch/serial" >&2 || true
		fail "guest script exit $rc"
	fi
	grep -q guest-done "$scratch/out" || fail "guest script did not finish"
	! grep -q "Bulkhead FATAL" "$scratch/serial" ||
		fail "hypervisor fatal error"
}
