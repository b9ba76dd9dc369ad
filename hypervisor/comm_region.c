// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's side of the comm region (include/bulkhead/comm_region.h):
 * a pool page per cell, filled before each start, and the shutdown
 * request.
 *
 * Cells access the page uncached: with their MMU off, or with it on and
 * the page mapped Device (the inmate library keeps it so,
 * inmates/lib/mmu.c). The hypervisor therefore reaches the page through
 * an alias in its own map that is Device memory (HV_ALIAS + physical
 * address), and never writes it through the cacheable identity map: a
 * cached line written back later could overwrite what the cell wrote
 * meanwhile.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/hv_map.h>
#include <hv/ivshmem.h>
#include <hv/percpu.h>
#include <hv/string.h>
#include <hv/system_config.h>

/* Wait this long for a reply when the config leaves it at 0. */
#define DEFAULT_REPLY_TIMEOUT_MS	1000

int comm_region_alloc(struct cell *cell)
{
	void *page = page_alloc(&mem_pool, 1);
	int err;

	if (!page)
		return -BULKHEAD_ENOMEM;
	/* No line of the page may be dirty once the alias is used. */
	arch_dcache_clean_inval((uintptr_t)page, PAGE_SIZE);
	hv_paging.flush = arch_hv_map_flush;
	err = paging_map(&hv_paging, HV_ALIAS + (uintptr_t)page,
			 (uintptr_t)page, PAGE_SIZE,
			 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	if (err) {
		paging_unmap(&hv_paging, HV_ALIAS + (uintptr_t)page,
			     PAGE_SIZE);
		page_free(&mem_pool, page, 1);
		return err;
	}
	cell->comm_phys = (uintptr_t)page;
	cell->comm = (void *)(uintptr_t)(HV_ALIAS + cell->comm_phys);
	return 0;
}

void comm_region_free(struct cell *cell)
{
	if (!cell->comm)
		return;
	paging_unmap(&hv_paging, (uintptr_t)cell->comm, PAGE_SIZE);
	arch_hv_map_flush(&hv_paging);
	page_free(&mem_pool, (void *)(uintptr_t)cell->comm_phys, 1);
	cell->comm = NULL;
	cell->comm_phys = 0;
}

static unsigned int first_cpu(const struct cell *cell)
{
	unsigned int n;

	for (n = 0; n < HV_MAX_CPUS; n++)
		if (cell->cpu_set & (1ULL << n))
			return n;
	return 0;
}

void comm_region_reset(struct cell *cell)
{
	const struct bulkhead_cell_desc *desc = cell->config;
	const struct bulkhead_platform *p = &system_config->platform;
	struct bulkhead_comm_region *comm = cell->comm;

	memset(comm, 0, PAGE_SIZE);
	memcpy(comm->signature, BULKHEAD_COMM_SIGNATURE,
	       sizeof(comm->signature));
	comm->revision = BULKHEAD_COMM_REVISION;
	comm->size = sizeof(*comm);
	comm->console_address = desc->console.address;
	comm->console_size = desc->console.size;
	comm->console_type = desc->console.type;
	comm->console_flags = desc->console.flags;
	if (desc->flags & BULKHEAD_CELL_DEBUG_CONSOLE)
		comm->flags |= BULKHEAD_COMM_FLAG_DEBUG_CONSOLE;
	comm->gic_version = p->arch.arm64.gic_version;
	comm->gicd_base = p->arch.arm64.gicd_base;
	comm->gicr_base = p->arch.arm64.gicr_base;
	comm->gicr_stride = p->arch.arm64.gicr_stride;
	comm->timer_frequency = arch_timer_frequency();
	comm->cpu_id = first_cpu(cell);
	/*
	 * Only a cell that got the virtual PCI window learns where it is:
	 * for any other cell the address is a hole in its stage 2, and an
	 * access would stop it.
	 */
	if (pci_cell_has_vpci(desc))
		comm->vpci_ecam_base = p->vpci_ecam_base;
	comm->vpci_irq_base = desc->vpci_irq_base;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static u32 comm_read(u32 *field)
{
	return __atomic_load_n(field, __ATOMIC_ACQUIRE);
}

static void comm_write(u32 *field, u32 value)
{
	__atomic_store_n(field, value, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * Ask, wait for the answer (bounded). A cell that ended, failed, is
 * passive or never spoke the protocol is not asked. No answer in time is
 * a denial: only --force stops a cell that does not agree.
 */
int comm_region_ask_shutdown(struct cell *cell)
{
	struct bulkhead_comm_region *comm = cell->comm;
	u32 timeout = cell->config->msg_reply_timeout_ms;
	u32 state = comm_read(&comm->cell_state);
	u32 reply = BULKHEAD_REPLY_NONE;
	u64 deadline;

	if (cell->config->flags & BULKHEAD_CELL_PASSIVE_COMMREG ||
	    state == BULKHEAD_CELL_SHUT_DOWN || state == BULKHEAD_CELL_FAILED ||
	    state == BULKHEAD_CELL_FAILED_COMM_REV)
		return 0;
	if (state == BULKHEAD_CELL_RUNNING_LOCKED)
		return -BULKHEAD_EBUSY;
	comm_write(&comm->reply_from_cell, BULKHEAD_REPLY_NONE);
	comm_write(&comm->msg_to_cell, BULKHEAD_MSG_SHUTDOWN_REQUEST);
	deadline = arch_time_ms() +
		   (timeout ? timeout : DEFAULT_REPLY_TIMEOUT_MS);
	while (arch_time_ms() < deadline) {
		reply = comm_read(&comm->reply_from_cell);
		if (reply != BULKHEAD_REPLY_NONE)
			break;
		arch_spin_pause();
	}
	/* Withdrawn, so a late answer is not taken for the next request. */
	comm_write(&comm->msg_to_cell, BULKHEAD_MSG_NONE);
	return reply == BULKHEAD_REPLY_APPROVED ? 0 : -BULKHEAD_EBUSY;
}
