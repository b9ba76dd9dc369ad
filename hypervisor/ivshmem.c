// SPDX-License-Identifier: GPL-2.0
/*
 * IVSHMEM v2 links between cells (docs/ivshmem.md). Every cell config
 * entry of type ivshmem is an endpoint; endpoints of different cells with
 * the same BDF are the peers of one link and must describe the same
 * shared memory (host-physical regions, peer count). The hypervisor keeps
 * the state table: it is read-only in every cell's stage 2 and written
 * here, through the hypervisor's own map, when a peer writes its STATE
 * register or goes away. Write access to the other sections is the cell
 * configs' business, checked here when a link is joined: the state table
 * and the other peers' output sections must not be writable, so a write
 * there is a stage-2 fault like any other violation.
 *
 * One lock covers all endpoints and links: register accesses are short
 * and links only change under the management lock.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/hv_map.h>
#include <hv/ivshmem.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/string.h>
#include <hv/system_config.h>

#define PCI_COMMAND_INTX_DIS	0x0400
#define SECTIONS(peers)		(2U + (peers))	/* state, rw, outputs */

struct ivshmem_link {
	bool used;
	u16 bdf;
	u16 peers;
	u64 phys[SECTIONS(IVSHMEM_MAX_PEERS)];
	u64 size[SECTIONS(IVSHMEM_MAX_PEERS)];
	u32 *state_table;	/* identity-mapped into the hypervisor */
	struct ivshmem_endpoint *peer[IVSHMEM_MAX_PEERS];
};

static struct ivshmem_link links[IVSHMEM_MAX_LINKS];
static struct ivshmem_endpoint endpoints[IVSHMEM_MAX_ENDPOINTS];
static spinlock_t ivshmem_spinlock;

void ivshmem_lock(void)
{
	spin_lock(&ivshmem_spinlock);
}

void ivshmem_unlock(void)
{
	spin_unlock(&ivshmem_spinlock);
}

static int refuse(const struct cell *cell, u16 bdf, const char *why)
{
	printk("Bulkhead: cell \"%s\": ivshmem %02x:%02x.%x: %s\n",
	       cell->config->name, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, why);
	return -BULKHEAD_EINVAL;
}

struct ivshmem_endpoint *ivshmem_find(const struct cell *cell, u16 bdf)
{
	unsigned int n;

	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++)
		if (endpoints[n].cell == cell && endpoints[n].bdf == bdf)
			return &endpoints[n];
	return NULL;
}

struct ivshmem_endpoint *ivshmem_find_bar(const struct cell *cell,
					  u64 address, u64 *offset)
{
	unsigned int n;

	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++)
		if (endpoints[n].cell == cell &&
		    ivshmem_bar0_hit(&endpoints[n], address, offset))
			return &endpoints[n];
	return NULL;
}

static void raise_irq(const struct ivshmem_endpoint *ep)
{
	if (ep->irq && ep->int_ctrl & BULKHEAD_IVSHMEM_INT_ENABLE &&
	    !(ep->command & PCI_COMMAND_INTX_DIS))
		arch_virq_raise(ep->cell, ep->irq);
}

/* Publish a peer's state and tell every other peer. */
static void set_state(struct ivshmem_link *link, u16 id, u32 state)
{
	unsigned int n;

	__atomic_store_n(&link->state_table[id], state, __ATOMIC_RELEASE);
	for (n = 0; n < link->peers; n++)
		if (n != id && link->peer[n])
			raise_irq(link->peer[n]);
}

u32 ivshmem_reg_read(struct ivshmem_endpoint *ep, u64 offset)
{
	switch (offset) {
	case BULKHEAD_IVSHMEM_REG_ID:
		return ep->id;
	case BULKHEAD_IVSHMEM_REG_MAX_PEERS:
		return ep->peers;
	case BULKHEAD_IVSHMEM_REG_INT_CTRL:
		return ep->int_ctrl;
	case BULKHEAD_IVSHMEM_REG_STATE:
		return ep->state;
	default:
		return 0;	/* the doorbell and reserved space */
	}
}

void ivshmem_reg_write(struct ivshmem_endpoint *ep, u64 offset, u32 value)
{
	struct ivshmem_link *link = ep->link;
	u32 target = value >> 16;

	switch (offset) {
	case BULKHEAD_IVSHMEM_REG_INT_CTRL:
		ep->int_ctrl = value & BULKHEAD_IVSHMEM_INT_ENABLE;
		break;
	case BULKHEAD_IVSHMEM_REG_DOORBELL:
		/* INTx has one vector; an absent peer hears nothing. */
		if ((value & 0xffff) == 0 && target < link->peers &&
		    link->peer[target])
			raise_irq(link->peer[target]);
		break;
	case BULKHEAD_IVSHMEM_REG_STATE:
		ep->state = value;
		set_state(link, ep->id, value);
		break;
	default:
		break;
	}
}

/* Config space and registers as the cell first finds them. */
static void reset_endpoint(struct ivshmem_endpoint *ep)
{
	ep->command = 0;
	ep->bar0 = (u32)BULKHEAD_VPCI_BAR0_DEFAULT(
		system_config->platform.vpci_ecam_base, ep->bdf >> 3);
	ep->int_line = 0;
	ep->int_ctrl = 0;
	ep->state = 0;
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/*
 * The device's regions in the cell: contiguous in guest-physical space,
 * RAM, readable, equal output sizes, and writable only where this peer
 * may write (the read/write section and its own output section).
 */
static int check_sections(const struct cell *cell,
			  const struct bulkhead_pci_device *dev)
{
	const struct bulkhead_memory *mem =
		bulkhead_cell_memory_regions(cell->config) +
		dev->shmem_regions_start;
	unsigned int n, count = SECTIONS(dev->shmem_peers);
	bool may_write;

	if (mem[0].size < (u64)dev->shmem_peers * sizeof(u32))
		return refuse(cell, dev->bdf, "state table too small");
	for (n = 0; n < count; n++) {
		if (mem[n].flags & (BULKHEAD_MEM_COMM_REGION |
				    BULKHEAD_MEM_IO) ||
		    !(mem[n].flags & BULKHEAD_MEM_READ))
			return refuse(cell, dev->bdf, "shared region not "
				      "readable RAM");
		if (n && mem[n].virt_start !=
			 mem[n - 1].virt_start + mem[n - 1].size)
			return refuse(cell, dev->bdf, "shared regions not "
				      "contiguous");
		if (n > 2 && mem[n].size != mem[2].size)
			return refuse(cell, dev->bdf, "output sections of "
				      "different sizes");
		may_write = n == 1 || n == 2U + dev->shmem_dev_id;
		if (!may_write && mem[n].flags & BULKHEAD_MEM_WRITE)
			return refuse(cell, dev->bdf, "state table or a peer's "
				      "output section writable");
	}
	return 0;
}

static int check_device(const struct cell *cell,
			const struct bulkhead_pci_device *dev)
{
	const struct bulkhead_cell_desc *desc = cell->config;
	unsigned int n;

	if (dev->bdf >> 8)
		return refuse(cell, dev->bdf, "not on bus 0");
	if (ivshmem_find(cell, dev->bdf))
		return refuse(cell, dev->bdf, "BDF twice");
	if (dev->shmem_peers < 2 || dev->shmem_peers > IVSHMEM_MAX_PEERS ||
	    dev->shmem_dev_id >= dev->shmem_peers)
		return refuse(cell, dev->bdf, "peers not 2..16 or id beyond");
	if ((u64)dev->shmem_regions_start + SECTIONS(dev->shmem_peers) >
	    desc->num_memory_regions)
		return refuse(cell, dev->bdf, "shared regions missing");
	if (dev->bar_mask[0] != BULKHEAD_IVSHMEM_BAR0_MASK ||
	    dev->num_msix_vectors)
		return refuse(cell, dev->bdf, "BAR 0 must be the 4K register "
			      "page, INTx only");
	for (n = 1; n < BULKHEAD_PCI_NUM_BARS; n++)
		if (dev->bar_mask[n])
			return refuse(cell, dev->bdf, "only BAR 0 exists");
	if (desc->vpci_irq_base &&
	    (desc->vpci_irq_base < 32 ||
	     desc->vpci_irq_base + (dev->bdf >> 3) >= 1020))
		return refuse(cell, dev->bdf, "vpci_irq_base + slot is no SPI");
	return check_sections(cell, dev);
}

static struct ivshmem_link *find_link(u16 bdf)
{
	unsigned int n;

	for (n = 0; n < IVSHMEM_MAX_LINKS; n++)
		if (links[n].used && links[n].bdf == bdf)
			return &links[n];
	return NULL;
}

/* A new link: its memory must be apart from every other link's. */
static struct ivshmem_link *new_link(const struct cell *cell,
				     const struct bulkhead_pci_device *dev,
				     const struct bulkhead_memory *mem)
{
	struct ivshmem_link *link = NULL;
	unsigned int n, k, j, count = SECTIONS(dev->shmem_peers);
	u64 table;

	for (n = 0; n < IVSHMEM_MAX_LINKS; n++) {
		if (!links[n].used) {
			if (!link)
				link = &links[n];
			continue;
		}
		for (k = 0; k < count; k++)
			for (j = 0; j < SECTIONS(links[n].peers); j++)
				if (overlaps(mem[k].phys_start, mem[k].size,
					     links[n].phys[j],
					     links[n].size[j])) {
					refuse(cell, dev->bdf, "memory of "
					       "another link");
					return NULL;
				}
	}
	if (!link) {
		refuse(cell, dev->bdf, "too many links");
		return NULL;
	}
	table = mem[0].phys_start;
	hv_paging.flush = arch_hv_map_flush;
	if (paging_map(&hv_paging, table, table, mem[0].size,
		       PAGING_READ | PAGING_WRITE)) {
		refuse(cell, dev->bdf, "cannot map the state table");
		return NULL;
	}
	memset(link, 0, sizeof(*link));
	link->used = true;
	link->bdf = dev->bdf;
	link->peers = dev->shmem_peers;
	for (k = 0; k < count; k++) {
		link->phys[k] = mem[k].phys_start;
		link->size[k] = mem[k].size;
	}
	link->state_table = (u32 *)(uintptr_t)table;
	memset(link->state_table, 0, mem[0].size);
	return link;
}

static void free_link(struct ivshmem_link *link)
{
	paging_unmap(&hv_paging, link->phys[0], link->size[0]);
	arch_hv_map_flush(&hv_paging);
	memset(link, 0, sizeof(*link));
}

static bool same_memory(const struct ivshmem_link *link,
			const struct bulkhead_pci_device *dev,
			const struct bulkhead_memory *mem)
{
	unsigned int k;

	if (link->peers != dev->shmem_peers)
		return false;
	for (k = 0; k < SECTIONS(dev->shmem_peers); k++)
		if (link->phys[k] != mem[k].phys_start ||
		    link->size[k] != mem[k].size)
			return false;
	return true;
}

static int add_endpoint(struct cell *cell,
			const struct bulkhead_pci_device *dev)
{
	const struct bulkhead_memory *mem;
	struct ivshmem_endpoint *ep = NULL;
	struct ivshmem_link *link;
	unsigned int n;
	int err;

	err = check_device(cell, dev);
	if (err)
		return err;
	mem = bulkhead_cell_memory_regions(cell->config) +
	      dev->shmem_regions_start;
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS && !ep; n++)
		if (!endpoints[n].cell)
			ep = &endpoints[n];
	if (!ep)
		return refuse(cell, dev->bdf, "too many endpoints");
	link = find_link(dev->bdf);
	if (link && !same_memory(link, dev, mem))
		return refuse(cell, dev->bdf, "shared memory differs from "
			      "the link's");
	if (link && link->peer[dev->shmem_dev_id])
		return refuse(cell, dev->bdf, "peer id taken");
	if (!link)
		link = new_link(cell, dev, mem);
	if (!link)
		return -BULKHEAD_EINVAL;

	memset(ep, 0, sizeof(*ep));
	ep->link = link;
	ep->bdf = dev->bdf;
	ep->id = dev->shmem_dev_id;
	ep->peers = dev->shmem_peers;
	ep->protocol = dev->shmem_protocol;
	ep->irq = cell->config->vpci_irq_base ?
		  cell->config->vpci_irq_base + (dev->bdf >> 3) : 0;
	ep->shmem_base = mem[0].virt_start;
	ep->state_size = (u32)mem[0].size;
	ep->rw_size = mem[1].size;
	ep->out_size = mem[2].size;
	reset_endpoint(ep);
	ep->cell = cell;
	link->peer[ep->id] = ep;
	__atomic_store_n(&link->state_table[ep->id], 0, __ATOMIC_RELEASE);
	return 0;
}

int ivshmem_cell_init(struct cell *cell)
{
	const struct bulkhead_cell_desc *desc = cell->config;
	const struct bulkhead_pci_device *dev = bulkhead_cell_pci_devices(desc);
	unsigned int n;
	int err = 0;

	ivshmem_lock();
	for (n = 0; n < desc->num_pci_devices && !err; n++, dev++)
		if (dev->type == BULKHEAD_PCI_TYPE_IVSHMEM)
			err = add_endpoint(cell, dev);
	ivshmem_unlock();
	if (err)
		ivshmem_cell_exit(cell);
	return err;
}

/*
 * The cell stopped (shut down or failed) or starts again: what its program
 * set up is gone, so its peers see state 0 (and an interrupt, once) and a
 * restarted program finds the device as a new cell would.
 */
void ivshmem_cell_reset(struct cell *cell)
{
	struct ivshmem_endpoint *ep;
	unsigned int n;

	ivshmem_lock();
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++) {
		ep = &endpoints[n];
		if (ep->cell != cell)
			continue;
		reset_endpoint(ep);
		if (__atomic_load_n(&ep->link->state_table[ep->id],
				    __ATOMIC_ACQUIRE))
			set_state(ep->link, ep->id, 0);
	}
	ivshmem_unlock();
}

void ivshmem_cell_exit(struct cell *cell)
{
	struct ivshmem_endpoint *ep;
	struct ivshmem_link *link;
	unsigned int n, k;
	bool empty;

	ivshmem_lock();
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++) {
		ep = &endpoints[n];
		if (ep->cell != cell)
			continue;
		link = ep->link;
		link->peer[ep->id] = NULL;
		set_state(link, ep->id, 0);
		memset(ep, 0, sizeof(*ep));
		empty = true;
		for (k = 0; k < link->peers; k++)
			if (link->peer[k])
				empty = false;
		if (empty)
			free_link(link);
	}
	ivshmem_unlock();
}
