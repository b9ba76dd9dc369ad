// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * IRQ dispatch: vectors.S calls irq_dispatch() for every IRQ taken at EL1.
 * One interrupt per entry: if another is pending, the CPU takes the
 * exception again right after eret, which keeps this path short.
 */
#include <inmate.h>

static irq_handler_t irq_handlers[IRQ_MAX];
unsigned long irq_unhandled_count;

void irq_set_handler(unsigned int irq, irq_handler_t handler)
{
	if (irq < IRQ_MAX)
		irq_handlers[irq] = handler;
}

void irq_dispatch(void)
{
	__u32 iar = gic_ack();
	unsigned int irq = iar & 0xffffff;
	irq_handler_t handler;

	if (irq >= IRQ_MAX)		/* 1020-1023: spurious, no EOI */
		return;
	handler = irq_handlers[irq];
	if (handler) {
		handler(irq);
	} else {
		/* A level interrupt nobody clears would fire forever. */
		gic_disable_irq(irq);
		irq_unhandled_count++;
	}
	gic_eoi(iar);
}
