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
