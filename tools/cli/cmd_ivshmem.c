// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead ivshmem: the root cell's end of an ivshmem link, through the
 * UIO device the driver registers for it (driver/ivshmem.c, docs/
 * ivshmem.md). Maps: 0 registers, 1 state table, 2 read/write section,
 * 3 output sections.
 *
 *   bulkhead ivshmem [-d /dev/uioN] info
 *   bulkhead ivshmem [-d /dev/uioN] state VALUE
 *   bulkhead ivshmem [-d /dev/uioN] doorbell PEER
 *   bulkhead ivshmem [-d /dev/uioN] wait [-t MS]
 *   bulkhead ivshmem [-d /dev/uioN] ping [-n COUNT] [-t MS] [--timing]
 *
 * ping runs the ivshmem demo's exchange (include/bulkhead/ivshmem.h) with
 * the other peer of a two-peer link: COUNT messages, each answered before
 * the next, every answer verified; MS bounds each wait. --timing adds the
 * round trip's minimum and median in ticks of the counter (arm64:
 * CNTVCT_EL0, one instruction per tick under QEMU -icount shift=4;
 * elsewhere nanoseconds).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/ivshmem.h>

#include "cli.h"

struct link {
	int fd;
	volatile uint32_t *regs;
	volatile uint32_t *table;
	size_t table_size;
	char path[64];
};

static bool is_ivshmem(const char *uio)
{
	char path[300], name[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/uio/%s/name", uio);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (!fgets(name, sizeof(name), f))
		name[0] = '\0';
	fclose(f);
	return !strcmp(name, "bulkhead-ivshmem\n");
}

/* The first ivshmem UIO device, by number. */
static int find_device(char *out, size_t size)
{
	struct dirent *e;
	long best = -1, n;
	DIR *d = opendir("/sys/class/uio");

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "uio", 3) || !is_ivshmem(e->d_name))
			continue;
		n = strtol(e->d_name + 3, NULL, 10);
		if (best < 0 || n < best)
			best = n;
	}
	closedir(d);
	if (best < 0)
		return -1;
	snprintf(out, size, "/dev/uio%ld", best);
	return 0;
}

static size_t map_size(const char *dev, int map)
{
	char path[300];
	unsigned long long size = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/uio/%s/maps/map%d/size",
		 strrchr(dev, '/') + 1, map);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%llx", &size) != 1)
		size = 0;
	fclose(f);
	return size;
}

static void *map(const struct link *l, int n, size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | (n ? 0 : PROT_WRITE),
		       MAP_SHARED, l->fd, (off_t)n * getpagesize());

	return p == MAP_FAILED ? NULL : p;
}

static int open_link(const char *dev, struct link *l)
{
	if (!dev) {
		if (find_device(l->path, sizeof(l->path))) {
			fprintf(stderr, "bulkhead ivshmem: no ivshmem device "
				"(hypervisor enabled with a config that has "
				"one?)\n");
			return -1;
		}
	} else {
		snprintf(l->path, sizeof(l->path), "%s", dev);
	}
	l->fd = open(l->path, O_RDWR);
	if (l->fd < 0) {
		fprintf(stderr, "bulkhead ivshmem: %s: %s\n", l->path,
			strerror(errno));
		return -1;
	}
	l->table_size = map_size(l->path, 1);
	l->regs = map(l, 0, BULKHEAD_IVSHMEM_REG_SIZE);
	l->table = l->table_size ? map(l, 1, l->table_size) : NULL;
	if (!l->regs || !l->table) {
		fprintf(stderr, "bulkhead ivshmem: cannot map %s: %s\n",
			l->path, strerror(errno));
		close(l->fd);
		return -1;
	}
	return 0;
}

/*
 * Register accesses trap to the hypervisor, which emulates single 32-bit
 * loads and stores only: volatile word accesses compile to exactly that.
 */
static uint32_t reg_read(const struct link *l, unsigned int off)
{
	return l->regs[off / 4];
}

static void reg_write(const struct link *l, unsigned int off, uint32_t v)
{
	l->regs[off / 4] = v;
}

static int info(const struct link *l)
{
	uint32_t peers = reg_read(l, BULKHEAD_IVSHMEM_REG_MAX_PEERS), n;

	printf("device %s\nid %" PRIu32 "\npeers %" PRIu32 "\n"
	       "int_ctrl %" PRIu32 "\nstate 0x%" PRIx32 "\nstate_table",
	       l->path, reg_read(l, BULKHEAD_IVSHMEM_REG_ID), peers,
	       reg_read(l, BULKHEAD_IVSHMEM_REG_INT_CTRL),
	       reg_read(l, BULKHEAD_IVSHMEM_REG_STATE));
	for (n = 0; n < peers && n < l->table_size / 4; n++)
		printf(" 0x%" PRIx32, l->table[n]);
	printf("\n");
	return EXIT_OK;
}

/* One interrupt (UIO event), or a timeout; prints the event count. */
static int wait_event(const struct link *l, int ms)
{
	struct pollfd p = { .fd = l->fd, .events = POLLIN };
	uint32_t count;
	int r = poll(&p, 1, ms);

	if (r < 0) {
		perror("bulkhead ivshmem: poll");
		return EXIT_FAILED;
	}
	if (!r) {
		fprintf(stderr, "bulkhead ivshmem: no interrupt within %d ms\n",
			ms);
		return EXIT_FAILED;
	}
	if (read(l->fd, &count, sizeof(count)) != sizeof(count)) {
		perror("bulkhead ivshmem: read");
		return EXIT_FAILED;
	}
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

/* Wait for the next interrupt: 0, or -1 on timeout or error. */
static int next_event(const struct link *l, int ms)
{
	struct pollfd p = { .fd = l->fd, .events = POLLIN };
	uint32_t count;

	if (poll(&p, 1, ms) != 1 ||
	    read(l->fd, &count, sizeof(count)) != sizeof(count))
		return -1;
	return 0;
}

static int ping(const struct link *l, unsigned long count, int ms,
		bool timing)
{
	uint64_t *spent = NULL, t0;
	uint32_t id = reg_read(l, BULKHEAD_IVSHMEM_REG_ID);
	uint32_t peers = reg_read(l, BULKHEAD_IVSHMEM_REG_MAX_PEERS);
	size_t total = map_size(l->path, 3), words;
	volatile uint32_t *outs, *mine, *theirs;
	unsigned long n, errors = 0, events = 0;
	uint32_t peer = id ? 0 : 1, seq, k;
	void *p;

	if (peers != 2 || !total || total % peers) {
		fprintf(stderr, "bulkhead ivshmem ping: needs a link of two "
			"peers with output sections\n");
		return EXIT_FAILED;
	}
	p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, l->fd,
		 3L * getpagesize());
	if (p == MAP_FAILED) {
		perror("bulkhead ivshmem ping: output sections");
		return EXIT_FAILED;
	}
	outs = p;
	words = total / peers / 4;
	mine = outs + id * words;
	theirs = outs + peer * words;
	while (l->table[peer] != BULKHEAD_IVSHMEM_DEMO_READY) {
		if (next_event(l, ms)) {
			fprintf(stderr, "bulkhead ivshmem ping: peer %u not "
				"ready (state 0x%x)\n", peer, l->table[peer]);
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
		reg_write(l, BULKHEAD_IVSHMEM_REG_DOORBELL,
			  BULKHEAD_IVSHMEM_DOORBELL(peer, 0));
		while (theirs[0] != seq) {
			if (next_event(l, ms)) {
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
	munmap(p, total);
	printf("ping: %lu round trips with peer %u, %lu verified, %lu "
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

static int number(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno || end == s || *end || *out > max)
		return cli_usage_error("bad number \"%s\"", s);
	return 0;
}

int cmd_ivshmem(int argc, char **argv)
{
	const char *dev = NULL, *cmd;
	unsigned long v, count = 1000;
	struct link l;
	bool timing = false;
	int ret, ms = 1000, i;

	argc--;
	argv++;
	if (argc >= 2 && !strcmp(argv[0], "-d")) {
		dev = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc < 1)
		return cli_usage_error("ivshmem: info, state VALUE, doorbell "
				       "PEER, wait [-t MS] or ping [-n COUNT] "
				       "[-t MS]");
	cmd = argv[0];
	if (!strcmp(cmd, "state") || !strcmp(cmd, "doorbell")) {
		if (argc != 2)
			return cli_usage_error("ivshmem %s: one value", cmd);
		if (number(argv[1], !strcmp(cmd, "state") ? 0xffffffffUL :
			   0xffffUL, &v))
			return EXIT_USAGE;
	} else if (!strcmp(cmd, "ping")) {
		for (i = 1; i < argc; i++) {
			if (!strcmp(argv[i], "--timing")) {
				timing = true;
				continue;
			}
			if (i + 1 == argc || (strcmp(argv[i], "-n") &&
					      strcmp(argv[i], "-t")))
				return cli_usage_error(
					"ivshmem ping [-n COUNT] [-t MS] "
					"[--timing]");
			if (number(argv[i + 1], argv[i][1] == 'n' ?
				   100000000 : 3600000, &v))
				return EXIT_USAGE;
			if (argv[i][1] == 'n')
				count = v;
			else
				ms = (int)v;
			i++;
		}
	} else if (!strcmp(cmd, "wait")) {
		if (argc == 3 && !strcmp(argv[1], "-t")) {
			if (number(argv[2], 3600000, &v))
				return EXIT_USAGE;
			ms = (int)v;
		} else if (argc != 1) {
			return cli_usage_error("ivshmem wait [-t MS]");
		}
	} else if (strcmp(cmd, "info") || argc != 1) {
		return cli_usage_error("ivshmem: unknown command \"%s\"", cmd);
	}
	if (open_link(dev, &l))
		return EXIT_FAILED;
	ret = EXIT_OK;
	if (!strcmp(cmd, "info"))
		ret = info(&l);
	else if (!strcmp(cmd, "state"))
		reg_write(&l, BULKHEAD_IVSHMEM_REG_STATE, (uint32_t)v);
	else if (!strcmp(cmd, "doorbell"))
		reg_write(&l, BULKHEAD_IVSHMEM_REG_DOORBELL,
			  BULKHEAD_IVSHMEM_DOORBELL(v, 0));
	else if (!strcmp(cmd, "ping"))
		ret = ping(&l, count, ms, timing);
	else
		ret = wait_event(&l, ms);
	close(l.fd);
	return ret;
}
