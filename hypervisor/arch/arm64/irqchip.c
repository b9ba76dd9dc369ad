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

void arch_cell_irqchip_take(struct cell *cell)
{
	gicv3_cell_take_irqs(cell);
}

void arch_cell_irqchip_exit(struct cell *cell)
{
	if (cell != &root_cell)
		gicv3_cell_return_irqs(cell);
	mmio_unregister_cell(cell);
}
