// SPDX-License-Identifier: GPL-2.0
/* The hypervisor's own identity map (see hv/hv_map.h). */
#include <bulkhead/hypercall.h>
#include <hv/arch.h>
#include <hv/hv_map.h>
#include <hv/printk.h>
#include <hv/system_config.h>

struct paging hv_paging;
u64 hv_mmu_root;

/* End of code and read-only data (page aligned by the linker script). */
extern u8 __text_end[];

static u64 page_up(u64 x)
{
	return (x + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static int map_console(void)
{
	const struct bulkhead_console *con = &system_config->debug_console;
	u64 start = con->address & ~(PAGE_SIZE - 1);

	if (con->type == BULKHEAD_CON_TYPE_NONE)
		return 0;
	return paging_map(&hv_paging, start, start,
			  page_up(con->address + con->size) - start,
			  PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
}

int hv_map_setup(void)
{
	u64 base = arch_image_base();
	u64 end = base + system_config->hypervisor_memory.size;
	u64 text_end = (uintptr_t)__text_end;
	int err;

	err = paging_init(&hv_paging, &arch_hv_paging_format, &mem_pool);
	if (!err)
		err = paging_map(&hv_paging, base, base, text_end - base,
				 PAGING_READ | PAGING_EXEC);
	if (!err)
		err = paging_map(&hv_paging, text_end, text_end,
				 end - text_end, PAGING_READ | PAGING_WRITE);
	if (!err)
		err = map_console();
	if (!err)
		err = arch_hv_map_devices(&hv_paging);
	if (err) {
		printk("Bulkhead: cannot build the hypervisor's page tables "
		       "(%d)\n", err);
		return err;
	}
	hv_mmu_root = (uintptr_t)hv_paging.root;
	return 0;
}
