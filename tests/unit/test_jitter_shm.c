// SPDX-License-Identifier: GPL-2.0
/*
 * libbulkhead's reader of timer-jitter's shared-memory section against a
 * writer that follows include/bulkhead/jitter.h to the letter (header,
 * state, then per window: lock odd, record, lock even, head), and against
 * the ways a section goes wrong: torn and overwritten records, a reader
 * left behind, a stale state, a foreign layout, a restarted cell.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libbulkhead/jitter.h>

#define PERIOD_NS	1000000
#define TIMER_HZ	62500000

struct writer {
	struct bulkhead_jitter_shm shm;
	uint32_t state;		/* what the hypervisor's table would say */
};

/* A window whose every field follows from its number. */
static void window_of(uint64_t n, struct bh_jitter_window *w)
{
	memset(w, 0, sizeof(*w));
	w->seq = n;
	w->samples = 100;
	w->period_ns = PERIOD_NS;
	w->min_ns = 400 + n % 7;
	w->cur_ns = w->min_ns + 3;
	w->avg_ns = w->min_ns + 5;
	w->max_ns = w->min_ns + 10 + n % 1000;
	w->overruns = n % 3;
	w->min_ticks = 25;
	w->cur_ticks = 26;
	w->max_ticks = 27 + n % 50;
	w->hist[1] = 60 + n % 40;
	w->hist[2] = w->samples - w->hist[1];
}

static void writer_init(struct writer *wr, uint64_t period_ns)
{
	memset(&wr->shm, 0, sizeof(wr->shm));
	wr->shm.magic = BULKHEAD_JITTER_MAGIC;
	wr->shm.version = BULKHEAD_JITTER_VERSION;
	wr->shm.record_size = sizeof(struct bulkhead_jitter_record);
	wr->shm.ring_size = BULKHEAD_JITTER_RING;
	wr->shm.period_ns = period_ns;
	wr->shm.timer_hz = TIMER_HZ;
	wr->state = BULKHEAD_JITTER_STATE;
}

/* The record of window n, written as the cell does (lock left odd). */
static struct bulkhead_jitter_record *writer_begin(struct writer *wr,
						   uint64_t n)
{
	struct bulkhead_jitter_record *rec =
		&wr->shm.ring[n % BULKHEAD_JITTER_RING];
	struct bh_jitter_window w;
	size_t i;

	window_of(n, &w);
	__atomic_store_n(&rec->lock, rec->lock + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	rec->seq = n;
	rec->samples = w.samples;
	rec->overruns = w.overruns;
	rec->cur_ns = w.cur_ns;
	rec->min_ns = w.min_ns;
	rec->avg_ns = w.avg_ns;
	rec->max_ns = w.max_ns;
	rec->cur_ticks = w.cur_ticks;
	rec->min_ticks = w.min_ticks;
	rec->max_ticks = w.max_ticks;
	for (i = 0; i < BH_JITTER_BUCKETS; i++)
		rec->hist[i] = (uint32_t)w.hist[i];
	return rec;
}

static void writer_end(struct writer *wr, struct bulkhead_jitter_record *rec,
		       uint64_t n)
{
	__atomic_store_n(&rec->lock, rec->lock + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&wr->shm.head, n + 1, __ATOMIC_RELEASE);
}

static void publish(struct writer *wr, uint64_t n)
{
	writer_end(wr, writer_begin(wr, n), n);
}

static void publish_range(struct writer *wr, uint64_t from, uint64_t to)
{
	for (; from < to; from++)
		publish(wr, from);
}

/* A section, its reader and room for what it reads. */
struct fixture {
	struct writer wr;
	struct bh_jitter_reader r;
	struct bh_jitter_window out[BULKHEAD_JITTER_RING];
};

/* Read at most max windows into f->out. */
static int rd(struct fixture *f, size_t max)
{
	const char *why = NULL;
	int n = bh_jitter_shm_read(&f->r, &f->wr.shm, sizeof(f->wr.shm),
				   f->wr.state, f->out, max, &why);

	if (n < 0)
		assert_non_null(why);
	return n;
}

/* A publishing cell, the reader's first look done (nothing yet). */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	writer_init(&f->wr, PERIOD_NS);
	assert_int_equal(rd(f, 16), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

/* out[0..n) are windows first..first+n, each exactly as written. */
static void assert_windows(const struct bh_jitter_window *out, int n,
			   uint64_t first)
{
	struct bh_jitter_window w;
	int i;

	for (i = 0; i < n; i++) {
		window_of(first + (uint64_t)i, &w);
		assert_memory_equal(&out[i], &w, sizeof(w));
	}
}

static void normal_flow(void **state)
{
	struct fixture *f = *state;

	publish_range(&f->wr, 0, 5);
	assert_int_equal(rd(f, 16), 5);
	assert_windows(f->out, 5, 0);
	assert_int_equal(rd(f, 16), 0);
	/* max bounds one call; the rest comes with the next. */
	publish_range(&f->wr, 5, 12);
	assert_int_equal(rd(f, 3), 3);
	assert_windows(f->out, 3, 5);
	assert_int_equal(rd(f, 16), 4);
	assert_windows(f->out, 4, 8);
	assert_int_equal(f->r.lost, 0);
	assert_int_equal(f->r.restarts, 0);
	assert_int_equal(f->r.timer_hz, TIMER_HZ);
}

/* Looking in on a running cell: from now on, not its past. */
static void first_look_starts_at_head(void **state)
{
	struct fixture *f = *state;

	memset(&f->r, 0, sizeof(f->r));		/* no first look yet */
	publish_range(&f->wr, 0, 7);
	assert_int_equal(rd(f, 16), 0);
	publish_range(&f->wr, 7, 9);
	assert_int_equal(rd(f, 16), 2);
	assert_windows(f->out, 2, 7);
	assert_int_equal(f->r.lost, 0);
}

/* A run the reader saw begin is read from its first window. */
static void run_starting_while_watched(void **state)
{
	struct fixture *f = *state;

	memset(&f->r, 0, sizeof(f->r));		/* no first look yet */
	memset(&f->wr, 0, sizeof(f->wr));
	assert_int_equal(rd(f, 16), -ENODATA);
	writer_init(&f->wr, PERIOD_NS);
	publish_range(&f->wr, 0, 3);
	assert_int_equal(rd(f, 16), 3);
	assert_windows(f->out, 3, 0);
	assert_int_equal(f->r.restarts, 0);
}

/* The cell is rewriting the slot of the wanted window: lost, not half. */
static void torn_record_odd_lock(void **state)
{
	struct fixture *f = *state;

	publish_range(&f->wr, 0, 16);
	writer_begin(&f->wr, 16);		/* slot 0, head still 16 */
	assert_int_equal(rd(f, 16), 15);
	assert_windows(f->out, 15, 1);
	assert_int_equal(f->r.lost, 1);
}

/*
 * The slot holds a later window already (written, head not yet moved):
 * the seq says so and the wanted window counts as lost.
 */
static void overwritten_record(void **state)
{
	struct fixture *f = *state;

	publish_range(&f->wr, 0, 16);
	/* Window 16 written, the head still 16. */
	writer_end(&f->wr, writer_begin(&f->wr, 16), 15);
	assert_int_equal(rd(f, 16), 15);
	assert_windows(f->out, 15, 1);
	assert_int_equal(f->r.lost, 1);
}

static void reader_far_behind(void **state)
{
	struct fixture *f = *state;

	publish_range(&f->wr, 0, 40);
	assert_int_equal(rd(f, 16), 16);
	assert_windows(f->out, 16, 24);
	assert_int_equal(f->r.lost, 24);
	publish_range(&f->wr, 40, 41);
	assert_int_equal(rd(f, 16), 1);
	assert_windows(f->out, 1, 40);
	assert_int_equal(f->r.lost, 24);
}

/* The state is the hypervisor's word: without it nothing is read. */
static void stale_state(void **state)
{
	struct fixture *f = *state;

	publish_range(&f->wr, 0, 4);
	f->wr.state = 0;		/* destroyed: its table entry is 0 */
	assert_int_equal(rd(f, 16), -ENODATA);
	f->wr.state = 1;			/* another program's state */
	assert_int_equal(rd(f, 16), -ENODATA);
	assert_false(f->r.live);
}

static void foreign_layout(void **state)
{
	struct fixture *f = *state;
	const char *why;

	writer_init(&f->wr, PERIOD_NS);
	f->wr.shm.magic = 0x4a495452;	/* byte-swapped */
	assert_int_equal(rd(f, 16), -EPROTO);
	writer_init(&f->wr, PERIOD_NS);
	f->wr.shm.version = 2;
	assert_int_equal(rd(f, 16), -EPROTO);
	writer_init(&f->wr, PERIOD_NS);
	f->wr.shm.record_size = 160;
	assert_int_equal(rd(f, 16), -EINVAL);
	writer_init(&f->wr, PERIOD_NS);
	f->wr.shm.ring_size = 32;
	assert_int_equal(rd(f, 16), -EINVAL);
	writer_init(&f->wr, PERIOD_NS);
	assert_int_equal(bh_jitter_shm_check(&f->wr.shm, sizeof(f->wr.shm) - 1,
					     f->wr.state, &why), -EINVAL);
	assert_int_equal(bh_jitter_shm_check(&f->wr.shm, sizeof(f->wr.shm),
					     f->wr.state, &why), 0);
}

/* A restarted cell begins again at 0: its new run is read from there. */
static void head_backwards(void **state)
{
	struct fixture *f = *state;

	publish_range(&f->wr, 0, 30);
	assert_int_equal(rd(f, 16), 16);
	writer_init(&f->wr, PERIOD_NS);	/* the cell starts over */
	publish_range(&f->wr, 0, 2);
	assert_int_equal(rd(f, 16), 2);
	assert_windows(f->out, 2, 0);
	assert_int_equal(f->r.restarts, 1);
	assert_int_equal(f->r.lost, 14);	/* from before the restart */
	/* Gone and back (destroyed, created, started): a new run too. */
	f->wr.state = 0;
	assert_int_equal(rd(f, 16), -ENODATA);
	writer_init(&f->wr, PERIOD_NS);
	publish_range(&f->wr, 0, 20);
	assert_int_equal(rd(f, 16), 16);
	assert_windows(f->out, 16, 4);
	assert_int_equal(f->r.restarts, 2);
	/* Another period, the head still ahead: a new run as well. */
	publish_range(&f->wr, 20, 21);
	assert_int_equal(rd(f, 16), 1);
	f->wr.shm.period_ns = 2 * PERIOD_NS;
	publish_range(&f->wr, 21, 23);
	assert_int_equal(rd(f, 16), 16);
	assert_int_equal(f->out[0].seq, 7);
	assert_int_equal(f->out[0].period_ns, 2 * PERIOD_NS);
	assert_int_equal(f->r.restarts, 3);
}

/* A record whose numbers contradict each other is refused, counted. */
static void inconsistent_record(void **state)
{
	struct fixture *f = *state;

	publish_range(&f->wr, 0, 3);
	f->wr.shm.ring[1].min_ns = f->wr.shm.ring[1].max_ns + 1;
	assert_int_equal(rd(f, 16), 2);
	assert_int_equal(f->out[0].seq, 0);
	assert_int_equal(f->out[1].seq, 2);
	assert_int_equal(f->r.bad, 1);
	assert_int_equal(f->r.lost, 0);
}

/*
 * A writer running flat out against the reader: every window returned
 * is whole (its fields are those of its number), numbers only grow, and
 * read + lost accounts for every window published.
 */
#define STRESS_WINDOWS	200000

static void *stress_writer(void *arg)
{
	struct writer *wr = arg;
	uint64_t n;

	for (n = 0; n < STRESS_WINDOWS; n++)
		publish(wr, n);
	return NULL;
}

static void concurrent_writer(void **state)
{
	struct fixture *f = *state;
	uint64_t read = 0, last = 0;
	struct bh_jitter_window w;
	pthread_t t;
	int n, i, first = 1;

	assert_int_equal(pthread_create(&t, NULL, stress_writer, &f->wr), 0);
	while (__atomic_load_n(&f->wr.shm.head, __ATOMIC_ACQUIRE) <
	       STRESS_WINDOWS || f->r.next < STRESS_WINDOWS) {
		n = rd(f, 16);
		assert_true(n >= 0);
		for (i = 0; i < n; i++) {
			window_of(f->out[i].seq, &w);
			assert_memory_equal(&f->out[i], &w, sizeof(w));
			assert_true(first || f->out[i].seq > last);
			last = f->out[i].seq;
			first = 0;
		}
		read += (uint64_t)n;
	}
	pthread_join(t, NULL);
	assert_int_equal(read + f->r.lost, STRESS_WINDOWS);
	assert_int_equal(f->r.bad, 0);
	assert_int_equal(f->r.restarts, 0);
}

/* The line the CLI prints is the line timer-jitter prints. */
static void format_as_console(void **state)
{
	struct bh_jitter_window w = {
		.seq = 0, .samples = 100, .period_ns = 1000000, .cur_ns = 464,
		.min_ns = 464, .avg_ns = 464, .max_ns = 464, .cur_ticks = 29,
		.min_ticks = 29, .max_ticks = 29, .hist = { 0, 100 },
	};
	char line[512], tiny[20];
	int len;

	(void)state;
	len = bh_jitter_format(&w, line, sizeof(line));
	/* docs/inmates.md's example line. */
	assert_string_equal(line, "JITTER v1 seq=0 samples=100 "
		"period_ns=1000000 cur_ns=464 min_ns=464 avg_ns=464 "
		"max_ns=464 overruns=0 cur_ticks=29 min_ticks=29 "
		"max_ticks=29 hist=0,100,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
	assert_int_equal(len, (int)strlen(line));
	/* Cut short like snprintf: terminated, the full length returned. */
	assert_int_equal(bh_jitter_format(&w, tiny, sizeof(tiny)), len);
	assert_string_equal(tiny, "JITTER v1 seq=0 sam");
	assert_null(bh_jitter_window_inconsistency(&w));
	w.hist[1] = 99;
	assert_string_equal(bh_jitter_window_inconsistency(&w),
			    "hist counts do not sum to samples");
}

#define TEST(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(normal_flow),
		TEST(first_look_starts_at_head),
		TEST(run_starting_while_watched),
		TEST(torn_record_odd_lock),
		TEST(overwritten_record),
		TEST(reader_far_behind),
		TEST(stale_state),
		TEST(foreign_layout),
		TEST(head_backwards),
		TEST(inconsistent_record),
		TEST(concurrent_writer),
		cmocka_unit_test(format_as_console),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
