// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead ivshmem: the root cell's end of an ivshmem link, through the
 * UIO device the driver registers for it (driver/ivshmem.c, docs/
 * ivshmem.md; libbulkhead's ivshmem module finds and maps it).
 *
 *   bulkhead ivshmem [-d DEV] info
 *   bulkhead ivshmem [-d DEV] state VALUE
 *   bulkhead ivshmem [-d DEV] doorbell PEER
 *   bulkhead ivshmem [-d DEV] wait [-t MS]
 *   bulkhead ivshmem [-d DEV] ping [-p PEER] [-n COUNT] [-t MS] [--timing]
 *   bulkhead ivshmem [-d DEV] jitter [-p PEER] [-n WINDOWS] [-t MS]
 *
 * DEV: /dev/uioN, uioN, or the endpoint's PCI address (0001:00:01.0, or
 * 00:01.0 on the virtual host's bus); without -d the first device by uio
 * number, except that ping and jitter (without -p) take the first whose
 * other peer already runs the ivshmem demo / publishes jitter windows.
 *
 * ping runs the ivshmem demo's exchange (include/bulkhead/ivshmem.h) with
 * PEER (default: the other peer of a two-peer link): COUNT messages, each
 * answered before the next, every answer verified; MS bounds each wait. --timing adds the
 * round trip's minimum and median in ticks of the counter (arm64:
 * CNTVCT_EL0, one instruction per tick under QEMU -icount shift=4;
 * elsewhere nanoseconds).
 *
 * jitter reads timer-jitter's windows from the peer's output section
 * (include/bulkhead/jitter.h) and prints each as the JITTER v1 line the
 * cell prints on its console, so the two can be compared line by line.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libbulkhead/ivshmem.h>
#include <libbulkhead/jitter.h>

#include "cli.h"

static int info(const struct bh_ivshmem *l)
{
	uint32_t n;

	printf("device %s\npci %s\nid %" PRIu32 "\npeers %" PRIu32 "\n"
	       "int_ctrl %" PRIu32 "\nstate 0x%" PRIx32 "\nstate_table",
	       l->dev.path, l->dev.pci[0] ? l->dev.pci : "-", l->id,
	       l->peers, bh_ivshmem_reg_read(l, BULKHEAD_IVSHMEM_REG_INT_CTRL),
	       bh_ivshmem_reg_read(l, BULKHEAD_IVSHMEM_REG_STATE));
	for (n = 0; n < l->peers; n++)
		printf(" 0x%" PRIx32, bh_ivshmem_peer_state(l, n));
	printf("\n");
	return EXIT_OK;
}

/*
 * The next interrupt within ms: 0, 1 on timeout, -1 on failure (said on
 * stderr: the caller words the timeout, it knows what it waited for).
 */
static int next_event(const struct bh_ivshmem *l, int ms, const char *cmd,
		      uint32_t *count)
{
	uint32_t ignored;
	int r = bh_ivshmem_wait(l, ms, count ? count : &ignored);

	if (r > 0)
		return 0;
	if (!r)
		return 1;
	fprintf(stderr, "bulkhead ivshmem %s: %s: %s\n", cmd, l->dev.path,
		r == -ENODEV ? "the device went away (hypervisor disabled?)" :
		strerror(-r));
	return -1;
}

/* One interrupt (UIO event), or a timeout; prints the event count. */
static int wait_event(const struct bh_ivshmem *l, int ms)
{
	uint32_t count;
	int r = next_event(l, ms, "wait", &count);

	if (r > 0)
		fprintf(stderr, "bulkhead ivshmem: no interrupt within %d ms\n",
			ms);
	if (r)
		return EXIT_FAILED;
	printf("event %" PRIu32 "\n", count);
	return EXIT_OK;
}

static uint64_t ticks(void)
{
#if defined(__aarch64__)
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r" (v) : : "memory");
	return v;
#else
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
#endif
}

static int by_value(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* The other peer of a two-peer link, or -1 (said on stderr). */
static int other_peer(const struct bh_ivshmem *l, const char *cmd)
{
	if (l->peers != 2 || !l->section_size) {
		fprintf(stderr, "bulkhead ivshmem %s: %s has %u peers; name "
			"one with -p\n", cmd, l->dev.path, l->peers);
		return -1;
	}
	return l->id ? 0 : 1;
}

static int ping(const struct bh_ivshmem *l, int peer, unsigned long count,
		int ms, bool timing)
{
	uint64_t *spent = NULL, t0;
	volatile uint32_t *mine, *theirs;
	unsigned long n, errors = 0, events = 0;
	uint32_t seq, k;

	if (peer < 0)
		peer = other_peer(l, "ping");
	if (peer < 0)
		return EXIT_FAILED;
	if ((uint32_t)peer == l->id || (uint32_t)peer >= l->peers ||
	    !l->section_size) {
		fprintf(stderr, "bulkhead ivshmem ping: %s has no other peer "
			"%d (%u peers, this is %u)\n", l->dev.path, peer,
			l->peers, l->id);
		return EXIT_FAILED;
	}
	mine = bh_ivshmem_section(l, l->id);
	theirs = bh_ivshmem_section(l, (unsigned int)peer);
	while (bh_ivshmem_peer_state(l, peer) != BULKHEAD_IVSHMEM_DEMO_READY) {
		if (next_event(l, ms, "ping", NULL)) {
			fprintf(stderr, "bulkhead ivshmem ping: peer %d not "
				"ready (state 0x%x)\n", peer,
				bh_ivshmem_peer_state(l, peer));
			return EXIT_FAILED;
		}
	}
	if (timing && count) {
		spent = calloc(count, sizeof(*spent));
		if (!spent) {
			perror("bulkhead ivshmem ping");
			return EXIT_FAILED;
		}
	}
	/* Go on from the peer's last answer: a new number each time. */
	seq = theirs[0];
	for (n = 0; n < count; n++) {
		seq++;
		t0 = ticks();
		for (k = 1; k < BULKHEAD_IVSHMEM_DEMO_WORDS; k++)
			mine[k] = bulkhead_ivshmem_demo_word(seq, k);
		__atomic_thread_fence(__ATOMIC_RELEASE);
		mine[0] = seq;
		bh_ivshmem_reg_write(l, BULKHEAD_IVSHMEM_REG_DOORBELL,
				     BULKHEAD_IVSHMEM_DOORBELL(peer, 0));
		while (theirs[0] != seq) {
			if (next_event(l, ms, "ping", NULL)) {
				fprintf(stderr, "bulkhead ivshmem ping: no "
					"answer to message %lu within %d ms\n",
					n + 1, ms);
				free(spent);
				return EXIT_FAILED;
			}
			events++;
		}
		if (spent)
			spent[n] = ticks() - t0;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		for (k = 1; k < BULKHEAD_IVSHMEM_DEMO_WORDS; k++)
			if (theirs[k] != ~bulkhead_ivshmem_demo_word(seq, k)) {
				errors++;
				break;
			}
	}
	printf("ping: %lu round trips with peer %d, %lu verified, %lu "
	       "errors, %lu interrupts\n", count, peer, count - errors, errors,
	       events);
	if (spent) {
		qsort(spent, count, sizeof(*spent), by_value);
		printf("ping: round trip ticks min %llu median %llu max %llu\n",
		       (unsigned long long)spent[0],
		       (unsigned long long)spent[count / 2],
		       (unsigned long long)spent[count - 1]);
		free(spent);
	}
	return errors ? EXIT_FAILED : EXIT_OK;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Print the windows read; say on stderr what the reader had to skip. */
static void jitter_print(const struct bh_jitter_window *w, int n,
			 struct bh_jitter_reader *r, uint64_t *lost,
			 uint64_t *bad, int peer)
{
	char line[512];
	int i;

	for (i = 0; i < n; i++) {
		bh_jitter_format(&w[i], line, sizeof(line));
		printf("%s\n", line);
	}
	fflush(stdout);
	if (r->lost > *lost)
		fprintf(stderr, "bulkhead ivshmem jitter: %llu windows of peer "
			"%d lost (overwritten before they were read)\n",
			(unsigned long long)(r->lost - *lost), peer);
	if (r->bad > *bad)
		fprintf(stderr, "bulkhead ivshmem jitter: %llu inconsistent "
			"records of peer %d refused\n",
			(unsigned long long)(r->bad - *bad), peer);
	*lost = r->lost;
	*bad = r->bad;
}

/*
 * Windows published by peer, printed as JITTER v1 lines until count (0:
 * no end). ms bounds the time without progress (no window, or the peer
 * not publishing), whatever else interrupts meanwhile.
 */
static int jitter(const struct bh_ivshmem *l, int peer, unsigned long count,
		  int ms)
{
	struct bh_jitter_window w[BULKHEAD_JITTER_RING];
	struct bh_jitter_reader r = { 0 };
	const volatile void *section;
	uint64_t lost = 0, bad = 0, last = now_ms(), left;
	unsigned long printed = 0;
	const char *why = NULL;
	int n, waited;

	if (peer < 0)
		peer = other_peer(l, "jitter");
	if (peer < 0)
		return EXIT_FAILED;
	section = bh_ivshmem_section(l, (unsigned int)peer);
	if (!section || (uint32_t)peer == l->id) {
		fprintf(stderr, "bulkhead ivshmem jitter: %s has no output "
			"section of another peer %d (%u peers, this is %u)\n",
			l->dev.path, peer, l->peers, l->id);
		return EXIT_FAILED;
	}
	for (;;) {
		left = count ? count - printed : BULKHEAD_JITTER_RING;
		n = bh_jitter_shm_read(&r, section, l->section_size,
				       bh_ivshmem_peer_state(l, peer), w,
				       left < BULKHEAD_JITTER_RING ? left :
				       BULKHEAD_JITTER_RING, &why);
		if (n > 0) {
			printed += n;
			last = now_ms();
		}
		jitter_print(w, n, &r, &lost, &bad, peer);
		if (count && printed >= count)
			return EXIT_OK;
		left = now_ms() - last;
		waited = left >= (uint64_t)ms ? 1 :
			 next_event(l, ms - (int)left, "jitter", NULL);
		if (waited < 0)
			return EXIT_FAILED;
		if (!waited)
			continue;
		if (n == -ENODATA)
			fprintf(stderr, "bulkhead ivshmem jitter: peer %d does "
				"not publish jitter statistics within %d ms "
				"(its state is 0x%x, a publisher's 0x%x)\n",
				peer, ms, bh_ivshmem_peer_state(l, peer),
				BULKHEAD_JITTER_STATE);
		else if (n < 0)
			fprintf(stderr, "bulkhead ivshmem jitter: peer %d's "
				"output section is no jitter section: %s\n",
				peer, why);
		else
			fprintf(stderr, "bulkhead ivshmem jitter: no window "
				"from peer %d within %d ms\n", peer, ms);
		return EXIT_FAILED;
	}
}

static int number(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno || end == s || *end || *out > max)
		return cli_usage_error("bad number \"%s\"", s);
	return 0;
}

#define IVSHMEM_USAGE \
	"ivshmem [-d /dev/uioN|uioN|PCI] info, state VALUE, doorbell PEER, " \
	"wait [-t MS], ping [-p PEER] [-n COUNT] [-t MS] [--timing] or " \
	"jitter [-p PEER] [-n WINDOWS] [-t MS]"

struct opts {
	unsigned long count;
	long peer;
	int ms;
	bool timing;
};

/*
 * The options of cmd (argv[0]); allowed lists its option letters ('T'
 * for --timing).
 */
static int parse_opts(int argc, char **argv, const char *allowed,
		      struct opts *o)
{
	unsigned long v;
	int i;
	char c;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--timing") && strchr(allowed, 'T')) {
			o->timing = true;
			continue;
		}
		c = argv[i][0] == '-' && argv[i][1] && !argv[i][2] ?
		    argv[i][1] : 0;
		if (!c || c == 'T' || !strchr(allowed, c) || i + 1 == argc)
			return cli_usage_error("%s", IVSHMEM_USAGE);
		if (number(argv[++i], c == 'n' ? 100000000 : c == 'p' ?
			   BH_IVSHMEM_PEERS_MAX - 1 : 3600000, &v))
			return EXIT_USAGE;
		if (c == 'n')
			o->count = v;
		else if (c == 'p')
			o->peer = (long)v;
		else
			o->ms = (int)v;
	}
	return 0;
}

static int open_device(const char *spec, struct bh_ivshmem *l)
{
	struct bh_ivshmem_dev dev;
	int err = bh_ivshmem_find(NULL, spec, &dev);

	if (err == -EINVAL)
		return cli_usage_error("ivshmem: -d wants /dev/uioN, uioN or "
				       "a PCI address, not \"%s\"", spec);
	if (err == -ENODEV && !spec)
		fprintf(stderr, "bulkhead ivshmem: no ivshmem device "
			"(hypervisor enabled with a config that has one?)\n");
	else if (err == -ENODEV)
		fprintf(stderr, "bulkhead ivshmem: no ivshmem device %s\n",
			spec);
	else if (err)
		fprintf(stderr, "bulkhead ivshmem: listing devices: %s\n",
			strerror(-err));
	if (!err) {
		err = bh_ivshmem_open(&dev, 0, l);
		if (err)
			fprintf(stderr, "bulkhead ivshmem: %s: %s\n", dev.path,
				strerror(-err));
	}
	return err ? EXIT_FAILED : 0;
}

/*
 * ping and jitter without -d: the first link whose other peer already
 * speaks their protocol (its state says so), as the demo may run in
 * either demo cell; if none does, the first link, where they then wait.
 */
static int open_speaking(uint32_t state, struct bh_ivshmem *l)
{
	struct bh_ivshmem_dev *list = NULL;
	size_t n = 0, i;

	bh_ivshmem_list(NULL, &list, &n);
	for (i = 0; i < n; i++) {
		if (bh_ivshmem_open(&list[i], 0, l))
			continue;
		if (l->peers == 2 &&
		    bh_ivshmem_peer_state(l, l->id ? 0 : 1) == state) {
			free(list);
			return 0;
		}
		bh_ivshmem_close(l);
	}
	free(list);
	return open_device(NULL, l);
}

int cmd_ivshmem(int argc, char **argv)
{
	struct opts o = { .count = 1000, .peer = -1, .ms = 1000 };
	const char *dev = NULL, *cmd;
	struct bh_ivshmem l;
	unsigned long v = 0;
	int ret;

	argc--;
	argv++;
	if (argc >= 2 && !strcmp(argv[0], "-d")) {
		dev = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc < 1)
		return cli_usage_error("%s", IVSHMEM_USAGE);
	cmd = argv[0];
	if (!strcmp(cmd, "state") || !strcmp(cmd, "doorbell")) {
		if (argc != 2)
			return cli_usage_error("ivshmem %s: one value", cmd);
		if (number(argv[1], !strcmp(cmd, "state") ? 0xffffffffUL :
			   0xffffUL, &v))
			return EXIT_USAGE;
	} else if (!strcmp(cmd, "jitter")) {
		o.count = 10;
		o.ms = 2000;
		ret = parse_opts(argc, argv, "pnt", &o);
		if (ret)
			return ret;
	} else if (!strcmp(cmd, "ping") || !strcmp(cmd, "wait")) {
		ret = parse_opts(argc, argv, cmd[0] == 'p' ? "pntT" : "t", &o);
		if (ret)
			return ret;
	} else if (strcmp(cmd, "info") || argc != 1) {
		return cli_usage_error("ivshmem: unknown command \"%s\" (%s)",
				       cmd, IVSHMEM_USAGE);
	}
	if (!dev && !strcmp(cmd, "ping") && o.peer < 0)
		ret = open_speaking(BULKHEAD_IVSHMEM_DEMO_READY, &l);
	else if (!dev && !strcmp(cmd, "jitter") && o.peer < 0)
		ret = open_speaking(BULKHEAD_JITTER_STATE, &l);
	else
		ret = open_device(dev, &l);
	if (ret)
		return ret;
	ret = EXIT_OK;
	if (!strcmp(cmd, "info"))
		ret = info(&l);
	else if (!strcmp(cmd, "state"))
		bh_ivshmem_reg_write(&l, BULKHEAD_IVSHMEM_REG_STATE,
				     (uint32_t)v);
	else if (!strcmp(cmd, "doorbell"))
		bh_ivshmem_reg_write(&l, BULKHEAD_IVSHMEM_REG_DOORBELL,
				     BULKHEAD_IVSHMEM_DOORBELL(v, 0));
	else if (!strcmp(cmd, "ping"))
		ret = ping(&l, (int)o.peer, o.count, o.ms, o.timing);
	else if (!strcmp(cmd, "jitter"))
		ret = jitter(&l, (int)o.peer, o.count, o.ms);
	else
		ret = wait_event(&l, o.ms);
	bh_ivshmem_close(&l);
	return ret;
}
