// SPDX-License-Identifier: GPL-2.0
/*
 * The reader of timer-jitter's shared-memory section (include/bulkhead/
 * jitter.h; see libbulkhead/jitter.h).
 *
 * The section is written by another cell while we read it, and that cell
 * may be hostile: every field is read once through a volatile pointer
 * (so a value checked is the value used), records are copied under their
 * sequence lock, and nothing the cell wrote is trusted before the checks.
 * The reader cannot write to the section, so it never blocks the writer:
 * what it could not read in time is counted as lost.
 */
#include <errno.h>

#include <libbulkhead/jitter.h>

typedef const volatile struct bulkhead_jitter_shm shm_t;
typedef const volatile struct bulkhead_jitter_record rec_t;

int bh_jitter_shm_check(const volatile void *section, size_t size,
			uint32_t state, const char **why)
{
	shm_t *s = section;

	if (state != BULKHEAD_JITTER_STATE) {
		*why = "the peer's state is not BULKHEAD_JITTER_STATE";
		return -ENODATA;
	}
	if (size < sizeof(struct bulkhead_jitter_shm)) {
		*why = "the output section is smaller than the jitter layout";
		return -EINVAL;
	}
	if (s->magic != BULKHEAD_JITTER_MAGIC) {
		*why = "bad magic";
		return -EPROTO;
	}
	if (s->version != BULKHEAD_JITTER_VERSION) {
		*why = "unknown version";
		return -EPROTO;
	}
	if (s->record_size != sizeof(struct bulkhead_jitter_record) ||
	    s->ring_size != BULKHEAD_JITTER_RING) {
		*why = "record_size or ring_size do not match the ABI";
		return -EINVAL;
	}
	return 0;
}

/*
 * Copy window n out of the ring: 1 if it was there whole, 0 if the cell
 * was writing the record or had already replaced it (the window is lost).
 */
static int copy_record(shm_t *s, uint64_t n, uint64_t period_ns,
		       struct bh_jitter_window *w)
{
	rec_t *rec = &s->ring[n % BULKHEAD_JITTER_RING];
	uint32_t lock = rec->lock;
	size_t i;

	if (lock & 1)
		return 0;
	/* The record's fields are loaded after the lock ... */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	w->seq = rec->seq;
	w->samples = rec->samples;
	w->period_ns = period_ns;
	w->cur_ns = rec->cur_ns;
	w->min_ns = rec->min_ns;
	w->avg_ns = rec->avg_ns;
	w->max_ns = rec->max_ns;
	w->overruns = rec->overruns;
	w->cur_ticks = rec->cur_ticks;
	w->min_ticks = rec->min_ticks;
	w->max_ticks = rec->max_ticks;
	for (i = 0; i < BH_JITTER_BUCKETS; i++)
		w->hist[i] = rec->hist[i];
	/* ... and before it is read again. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return rec->lock == lock && w->seq == n;
}

/* A run the reader has not read from yet: its oldest window in the ring. */
static void new_run(struct bh_jitter_reader *r, uint64_t head)
{
	r->next = head > BULKHEAD_JITTER_RING ? head - BULKHEAD_JITTER_RING
					      : 0;
	if (r->started)
		r->restarts++;
}

int bh_jitter_shm_read(struct bh_jitter_reader *r,
		       const volatile void *section, size_t size,
		       uint32_t state, struct bh_jitter_window *out,
		       size_t max, const char **why)
{
	shm_t *s = section;
	uint64_t head, period_ns, timer_hz;
	size_t got = 0;
	int err = bh_jitter_shm_check(section, size, state, why);

	if (err) {
		r->seen = 1;
		r->live = 0;
		return err;
	}
	period_ns = s->period_ns;
	timer_hz = s->timer_hz;
	head = s->head;
	/* Records are read after the head that says they are complete. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (!r->seen)
		r->next = head;		/* looking in on a running cell */
	else if (!r->live || head < r->next || period_ns != r->period_ns ||
		 timer_hz != r->timer_hz)
		new_run(r, head);
	r->seen = r->live = r->started = 1;
	r->period_ns = period_ns;
	r->timer_hz = timer_hz;
	if (head - r->next > BULKHEAD_JITTER_RING) {
		/* The ring holds only the last RING windows. */
		r->lost += head - BULKHEAD_JITTER_RING - r->next;
		r->next = head - BULKHEAD_JITTER_RING;
	}
	for (; r->next < head && got < max; r->next++) {
		if (!copy_record(s, r->next, period_ns, &out[got])) {
			r->lost++;
			continue;
		}
		if (bh_jitter_window_inconsistency(&out[got])) {
			r->bad++;
			continue;
		}
		got++;
	}
	return (int)got;
}
