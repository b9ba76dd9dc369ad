# jitter-check.awk: validates JITTER v1 lines (docs/inmates.md) in an
# inmate's output; prints one complaint per broken rule and exits 1 if there
# was any, or if fewer than MIN_LINES (-v min_lines=N, default 1) lines came.
# Optional: -v want_samples=N -v want_period_ns=N.
# The counter frequency comes from timer-jitter's start line.
function complain(msg) {
	print "jitter-check: line " NR ": " msg ": " $0 > "/dev/stderr"
	bad = 1
}

function ns_of(ticks) {
	return int(ticks * 1000000000 / freq)
}

# Histogram bucket of a latency: below 250 ns, then doubling edges, the
# last one open (docs/inmates.md).
function bucket(ns,    k, edge) {
	edge = 250	# doubled by hand: busybox awk in the guest has no ^
	for (k = 0; k < 15 && ns >= edge; k++)
		edge *= 2
	return k
}

/^timer-jitter: .* counter [0-9]+ Hz/ {
	for (i = 1; i < NF; i++)
		if ($(i + 1) == "Hz,")
			freq = $i
}

/^JITTER / {
	n = split("seq samples period_ns cur_ns min_ns avg_ns max_ns " \
		  "overruns cur_ticks min_ticks max_ticks hist", keys, " ")
	if ($2 != "v1" || NF != n + 2) {
		complain("not 'JITTER v1' with " n " fields")
		next
	}
	for (i = 1; i <= n; i++) {
		split($(i + 2), kv, "=")
		if (kv[1] != keys[i]) {
			complain("field " i " is '" kv[1] "', want " keys[i])
			next
		}
		v[keys[i]] = kv[2]
		if (keys[i] != "hist" && kv[2] !~ /^[0-9]+$/)
			complain(keys[i] " is not a decimal number")
	}
	if (v["samples"] + 0 <= 0)
		complain("no samples")
	if (!(v["min_ns"] + 0 <= v["avg_ns"] + 0 &&
	      v["avg_ns"] + 0 <= v["max_ns"] + 0))
		complain("not min <= avg <= max")
	if (!(v["min_ns"] + 0 <= v["cur_ns"] + 0 &&
	      v["cur_ns"] + 0 <= v["max_ns"] + 0))
		complain("cur outside min..max")
	if (!(v["min_ticks"] + 0 <= v["max_ticks"] + 0))
		complain("min_ticks > max_ticks")
	if (freq && (ns_of(v["min_ticks"]) != v["min_ns"] ||
		     ns_of(v["max_ticks"]) != v["max_ns"] ||
		     ns_of(v["cur_ticks"]) != v["cur_ns"]))
		complain("ticks and ns disagree at " freq " Hz")
	nb = split(v["hist"], b, ",")
	sum = 0
	for (i = 1; i <= nb; i++) {
		if (b[i] !~ /^[0-9]+$/)
			complain("histogram bucket " i " is not a number")
		sum += b[i]
	}
	first = last = -1
	for (i = 1; i <= nb; i++)
		if (b[i] > 0) {
			if (first < 0)
				first = i - 1
			last = i - 1
		}
	if (first != bucket(v["min_ns"]) || last != bucket(v["max_ns"]))
		complain("histogram spans buckets " first ".." last \
			 ", min/max say " bucket(v["min_ns"]) ".." \
			 bucket(v["max_ns"]))
	if (nb != 16)
		complain(nb " histogram buckets, want 16")
	if (sum != v["samples"])
		complain("histogram holds " sum " samples, not " v["samples"])
	if (lines && v["seq"] + 0 <= last_seq)
		complain("seq does not increase")
	if (want_samples != "" && v["samples"] != want_samples)
		complain("samples=" v["samples"] ", want " want_samples)
	if (want_period_ns != "" && v["period_ns"] != want_period_ns)
		complain("period_ns=" v["period_ns"] ", want " want_period_ns)
	last_seq = v["seq"] + 0
	lines++
}

END {
	if (!freq) {
		print "jitter-check: no start line with the counter frequency" \
			> "/dev/stderr"
		bad = 1
	}
	if (lines < (min_lines ? min_lines : 1)) {
		print "jitter-check: " lines + 0 " JITTER lines, want " \
			(min_lines ? min_lines : 1) > "/dev/stderr"
		bad = 1
	}
	exit bad
}
