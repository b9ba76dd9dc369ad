/* SPDX-License-Identifier: GPL-2.0 */
/*
 * timer-jitter's windows (docs/inmates.md): the JITTER v1 line and the
 * shared-memory section of include/bulkhead/jitter.h carry the same
 * fields; struct bh_jitter_window holds them whichever way they came.
 *
 * The shared-memory reader trusts a peer's output section only while the
 * peer's state (the hypervisor-written state table) says it publishes and
 * magic, version and sizes match; everything else in the section is the
 * cell's to write, so every record is checked like a console line.
 */
#ifndef LIBBULKHEAD_JITTER_H
#define LIBBULKHEAD_JITTER_H

#include <stddef.h>
#include <stdint.h>

#include <bulkhead/jitter.h>

#define BH_JITTER_BUCKETS	BULKHEAD_JITTER_BUCKETS

/* One window, in the order of the JITTER v1 line's fields. */
struct bh_jitter_window {
	uint64_t seq, samples, period_ns;
	uint64_t cur_ns, min_ns, avg_ns, max_ns;
	uint64_t overruns;
	uint64_t cur_ticks, min_ticks, max_ticks;
	uint64_t hist[BH_JITTER_BUCKETS];
};

/*
 * Statistics that contradict each other (samples 0, not min <= avg <=
 * max, cur outside min..max in ns or ticks, a histogram not summing to
 * samples): a static text saying which, or NULL for a sound window.
 */
const char *bh_jitter_window_inconsistency(const struct bh_jitter_window *w);

/*
 * The window as timer-jitter prints it ("JITTER v1 seq=... hist=..."),
 * without a newline. Returns what snprintf returns.
 */
int bh_jitter_format(const struct bh_jitter_window *w, char *buf,
		     size_t size);

/* A reader's position in one peer's section; zero-initialise it. */
struct bh_jitter_reader {
	uint64_t next;		/* the window wanted next */
	uint64_t period_ns, timer_hz;	/* of the run being read */
	uint64_t lost;		/* windows published but not read, total */
	uint64_t bad;		/* records refused as inconsistent, total */
	uint64_t restarts;	/* new runs seen after the first */
	int seen;		/* the section has been looked at */
	int live;		/* it was valid at the last look */
	int started;		/* it has been valid at least once */
};

/*
 * Is the section (size bytes, as mapped) a live jitter section? state is
 * the peer's entry of the state table. 0, or -ENODATA (the peer does not
 * publish: state), -EPROTO (magic or version), -EINVAL (sizes, or the
 * section is smaller than the structure), with *why a static text.
 */
int bh_jitter_shm_check(const volatile void *section, size_t size,
			uint32_t state, const char **why);

/*
 * Read the windows published since the last call into out (at most max,
 * oldest first). A reader whose first look finds a valid section starts
 * at its head (windows from now on); a run that starts while the reader
 * watches (the section becomes valid after it was not, the head goes
 * backwards, the period or counter frequency changes) is read from its
 * oldest window still in the ring. Windows overwritten before they
 * could be read, torn or skipped because the reader fell behind add to
 * r->lost, inconsistent records to r->bad; neither is ever returned
 * half-read.
 * Returns the number of windows, or bh_jitter_shm_check's error.
 */
int bh_jitter_shm_read(struct bh_jitter_reader *r,
		       const volatile void *section, size_t size,
		       uint32_t state, struct bh_jitter_window *out,
		       size_t max, const char **why);

#endif
