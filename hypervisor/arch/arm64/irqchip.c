// SPDX-License-Identifier: GPL-2.0
/* A cell's interrupt controller on arm64: the GICv3 emulation. */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/mmio.h>
#include <arch/gicv3.h>

int arch_cell_irqchip_init(struct cell *cell)
{
	return gicv3_mmio_init(cell);
}

void arch_cell_irqchip_exit(struct cell *cell)
{
	mmio_unregister_cell(cell);
}
