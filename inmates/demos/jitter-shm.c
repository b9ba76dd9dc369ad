// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Publishing timer-jitter's windows into the cell's own output section of
 * its ivshmem link, as include/bulkhead/jitter.h lays it out, so the root
 * cell reads numbers instead of parsing console lines.
 *
 * ivshmem_init() maps the section Normal Write-Back, as the root cell
 * maps it, so both sides are coherent. Every field is still written with
 * one aligned 32- or 64-bit volatile store, never a structure copy: the
 * compiler must neither move a field across the sequence lock's barriers
 * nor split or merge fields.
 */
#include <bulkhead/jitter.h>
#include "jitter-shm.h"

#define ROOT_PEER	0

/* Where a field lives in the section: each is stored on its own. */
#define SHM_OFF(f)	__builtin_offsetof(struct bulkhead_jitter_shm, f)
#define REC_OFF(f)	__builtin_offsetof(struct bulkhead_jitter_record, f)

static bool find_link(struct ivshmem *dev)
{
	unsigned long ecam = comm_vpci_ecam_base();

	/* Without virtual PCI the ECAM address is a hole: do not touch it. */
	if (!ecam)
		return false;
	pci_init(ecam);
	return ivshmem_init(dev, 0) == 0 && dev->id < dev->peers;
}

/* Zero, then the header, magic last: no reader takes a half-made one. */
static void prepare(unsigned long base, __u64 period_ns)
{
	unsigned long off;

	for (off = 0; off < sizeof(struct bulkhead_jitter_shm); off += 8)
		mmio_write64(base + off, 0);
	dmb(sy);
	mmio_write32(base + SHM_OFF(version), BULKHEAD_JITTER_VERSION);
	mmio_write32(base + SHM_OFF(record_size),
		     sizeof(struct bulkhead_jitter_record));
	mmio_write32(base + SHM_OFF(ring_size), BULKHEAD_JITTER_RING);
	mmio_write64(base + SHM_OFF(period_ns), period_ns);
	mmio_write64(base + SHM_OFF(timer_hz), timer_frequency());
	dmb(sy);
	mmio_write32(base + SHM_OFF(magic), BULKHEAD_JITTER_MAGIC);
}

bool jitter_shm_init(struct jitter_shm *shm, bool console_only,
		     __u64 period_ns)
{
	struct ivshmem *dev = &shm->dev;
	unsigned int bus, slot, fn;
	unsigned long out;

	shm->base = 0;
	if (console_only) {
		printk("timer-jitter: parameter bit 30, statistics on the "
		       "console only\n");
		return false;
	}
	if (!find_link(dev)) {
		printk("timer-jitter: no ivshmem link, statistics on the "
		       "console only\n");
		return false;
	}
	bus = dev->bdf >> 8;
	slot = (dev->bdf >> 3) & 0x1f;
	fn = dev->bdf & 7;
	out = ivshmem_output(dev, dev->id);
	if (dev->out_size < sizeof(struct bulkhead_jitter_shm)) {
		printk("timer-jitter: ivshmem %02x:%02x.%x output section "
		       "0x%lx is %llu bytes, %lu needed, statistics on the "
		       "console only\n", bus, slot, fn, out, dev->out_size,
		       (unsigned long)sizeof(struct bulkhead_jitter_shm));
		return false;
	}
	/*
	 * A previous run may have left the state set (a forced stop does
	 * not clear it): withdraw it while the section is rewritten.
	 */
	ivshmem_set_state(dev, 0);
	dsb(sy);
	prepare(out, period_ns);
	dsb(sy);	/* the section is complete before it is announced */
	ivshmem_set_state(dev, BULKHEAD_JITTER_STATE);
	shm->base = out;
	printk("timer-jitter: statistics in ivshmem %02x:%02x.%x output "
	       "section 0x%lx\n", bus, slot, fn, out);
	return true;
}

static void put_record(unsigned long rec, const struct jitter_window *w)
{
	unsigned int k;

	mmio_write64(rec + REC_OFF(seq), w->seq);
	mmio_write64(rec + REC_OFF(samples), w->samples);
	mmio_write64(rec + REC_OFF(overruns), w->overruns);
	mmio_write64(rec + REC_OFF(cur_ns), w->cur_ns);
	mmio_write64(rec + REC_OFF(min_ns), w->min_ns);
	mmio_write64(rec + REC_OFF(avg_ns), jitter_avg_ns(w));
	mmio_write64(rec + REC_OFF(max_ns), w->max_ns);
	mmio_write64(rec + REC_OFF(cur_ticks), w->cur_ticks);
	mmio_write64(rec + REC_OFF(min_ticks), w->min_ticks);
	mmio_write64(rec + REC_OFF(max_ticks), w->max_ticks);
	for (k = 0; k < BULKHEAD_JITTER_BUCKETS; k++)
		mmio_write32(rec + REC_OFF(hist) + 4 * k, w->hist[k]);
}

/* The record under its sequence lock, then head, then the doorbell. */
void jitter_shm_publish(struct jitter_shm *shm, const struct jitter_window *w)
{
	unsigned long rec, lock;
	__u32 seq_lock;

	_Static_assert(JITTER_BUCKETS == BULKHEAD_JITTER_BUCKETS, "buckets");
	if (!shm->base || !w->samples)
		return;
	rec = shm->base + SHM_OFF(ring) +
	      (w->seq % BULKHEAD_JITTER_RING) *
	      sizeof(struct bulkhead_jitter_record);
	lock = rec + REC_OFF(lock);
	/* Only this cell writes the section: its lock value is ours. */
	seq_lock = mmio_read32(lock);
	mmio_write32(lock, seq_lock + 1);	/* odd: being written */
	dmb(sy);
	put_record(rec, w);
	dmb(sy);
	mmio_write32(lock, seq_lock + 2);
	dmb(sy);
	mmio_write64(shm->base + SHM_OFF(head), w->seq + 1);
	ivshmem_doorbell(&shm->dev, ROOT_PEER);
}

void jitter_shm_stop(struct jitter_shm *shm)
{
	if (!shm->base)
		return;
	ivshmem_set_state(&shm->dev, 0);
	shm->base = 0;
}
