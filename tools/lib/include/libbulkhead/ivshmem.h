/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The root cell's ivshmem endpoints: the UIO devices "bulkhead-ivshmem"
 * the driver registers (driver/ivshmem.c, docs/ivshmem.md), found in
 * sysfs, opened and mapped. Maps: 0 registers, 1 state table, 2 read/write
 * section, 3 every peer's output section in peer order.
 *
 * The devices exist only while the hypervisor is enabled, and an open one
 * holds a reference on the driver module: a long-lived reader closes it
 * as soon as bh_ivshmem_wait() says the device is gone.
 */
#ifndef LIBBULKHEAD_IVSHMEM_H
#define LIBBULKHEAD_IVSHMEM_H

#include <stddef.h>
#include <stdint.h>

#include <bulkhead/ivshmem.h>

/* Peers on a link at most (the config validator's bound). */
#define BH_IVSHMEM_PEERS_MAX	16

/* One endpoint as sysfs describes it. */
struct bh_ivshmem_dev {
	unsigned int uio;	/* N of /dev/uioN */
	char path[32];		/* "/dev/uioN" */
	char sysfs[128];	/* its directory in the uio class */
	char pci[32];		/* "0001:00:01.0", "" if sysfs does not say */
	int bdf;		/* bus << 8 | device << 3 | function, or -1 */
};

/*
 * Every bulkhead-ivshmem device, by uio number, into a malloc'ed array
 * (*n may be 0, then *out is NULL). class_dir: normally NULL for
 * /sys/class/uio (tests point it at a scratch tree). 0 or -errno; a
 * missing class directory (no uio module) is an empty list.
 */
int bh_ivshmem_list(const char *class_dir, struct bh_ivshmem_dev **out,
		    size_t *n);

/*
 * The device spec names: NULL the first by uio number; "/dev/uioN" or
 * "uioN"; or a PCI address, "DDDD:BB:DD.F" or "BB:DD.F" (the bus of the
 * virtual host, whatever its domain). 0, -ENODEV (no such device, or
 * none at all), -EINVAL (spec is none of these), or another -errno.
 */
int bh_ivshmem_find(const char *class_dir, const char *spec,
		    struct bh_ivshmem_dev *out);

/* Parse "BB:DD.F" or "DDDD:BB:DD.F" into a BDF; -1 if it is neither. */
int bh_ivshmem_parse_bdf(const char *s);

#define BH_IVSHMEM_RDONLY	0x1	/* map everything read-only */

struct bh_ivshmem {
	struct bh_ivshmem_dev dev;
	int fd;
	volatile uint32_t *regs;
	const volatile uint32_t *table;	/* state table, one u32 per peer */
	size_t table_size;
	volatile void *out;		/* output sections, NULL if none */
	size_t out_size;		/* all of them */
	size_t section_size;		/* one peer's */
	uint32_t id, peers;		/* from the registers, at open */
};

/*
 * Open and map dev (registers, state table, output sections; the
 * read/write section is left to whoever needs it). flags:
 * BH_IVSHMEM_RDONLY for a reader that never writes a register or its own
 * section. 0 or -errno; on failure nothing stays open.
 */
int bh_ivshmem_open(const struct bh_ivshmem_dev *dev, unsigned int flags,
		    struct bh_ivshmem *l);
void bh_ivshmem_close(struct bh_ivshmem *l);

/* A map's size from sysfs (0 if the map does not exist). */
size_t bh_ivshmem_map_size(const struct bh_ivshmem_dev *dev,
			   unsigned int map);

/*
 * Register accesses trap to the hypervisor, which emulates single 32-bit
 * loads and stores only: volatile word accesses compile to exactly that.
 */
static inline uint32_t bh_ivshmem_reg_read(const struct bh_ivshmem *l,
					   unsigned int off)
{
	return l->regs[off / 4];
}

static inline void bh_ivshmem_reg_write(const struct bh_ivshmem *l,
					unsigned int off, uint32_t v)
{
	l->regs[off / 4] = v;
}

/* Peer p's state (0 for a peer outside the table). */
uint32_t bh_ivshmem_peer_state(const struct bh_ivshmem *l, unsigned int p);

/* Peer p's output section, or NULL. */
volatile void *bh_ivshmem_section(const struct bh_ivshmem *l,
				  unsigned int p);

/*
 * Wait up to timeout_ms (-1: no bound) for an interrupt (a doorbell or a
 * peer's state change) and consume it: 1 with *count (the device's event
 * count) set, 0 on timeout, -ENODEV when the device went away (the
 * hypervisor is being disabled: close it), another -errno on failure.
 */
int bh_ivshmem_wait(const struct bh_ivshmem *l, int timeout_ms,
		    uint32_t *count);

#endif
