// SPDX-License-Identifier: GPL-2.0
/*
 * Host order <-> the little-endian binary format. Converting is its own
 * inverse (a swap or nothing), so one function per struct serves both the
 * compiler and the binary reader.
 */
#include <endian.h>

#include "config_endian.h"

static void le_console(struct bulkhead_console *c)
{
	c->address = htole64(c->address);
	c->size = htole32(c->size);
	c->type = htole16(c->type);
	c->flags = htole16(c->flags);
}

void bh_le_memory(struct bulkhead_memory *m)
{
	m->phys_start = htole64(m->phys_start);
	m->virt_start = htole64(m->virt_start);
	m->size = htole64(m->size);
	m->flags = htole64(m->flags);
}

void bh_le_irqchip(struct bulkhead_irqchip *c)
{
	int i;

	c->address = htole64(c->address);
	c->id = htole32(c->id);
	c->pin_base = htole32(c->pin_base);
	for (i = 0; i < BULKHEAD_IRQCHIP_PIN_WORDS; i++)
		c->pin_bitmap[i] = htole32(c->pin_bitmap[i]);
}

void bh_le_pci(struct bulkhead_pci_device *d)
{
	int i;

	d->type = htole32(d->type);
	d->domain = htole16(d->domain);
	d->bdf = htole16(d->bdf);
	for (i = 0; i < BULKHEAD_PCI_NUM_BARS; i++)
		d->bar_mask[i] = htole32(d->bar_mask[i]);
	d->shmem_regions_start = htole32(d->shmem_regions_start);
	d->shmem_dev_id = htole16(d->shmem_dev_id);
	d->shmem_peers = htole16(d->shmem_peers);
	d->shmem_protocol = htole16(d->shmem_protocol);
	d->num_msix_vectors = htole16(d->num_msix_vectors);
	d->reserved = htole32(d->reserved);
}

void bh_le_cell(struct bulkhead_cell_desc *d)
{
	int i;

	d->revision = htole32(d->revision);
	d->arch = htole32(d->arch);
	d->flags = htole32(d->flags);
	d->num_memory_regions = htole32(d->num_memory_regions);
	d->num_irqchips = htole32(d->num_irqchips);
	d->num_pci_devices = htole32(d->num_pci_devices);
	for (i = 0; i < BULKHEAD_CPU_SET_WORDS; i++)
		d->cpu_set[i] = htole64(d->cpu_set[i]);
	d->cpu_reset_address = htole64(d->cpu_reset_address);
	d->msg_reply_timeout_ms = htole32(d->msg_reply_timeout_ms);
	d->vpci_irq_base = htole32(d->vpci_irq_base);
	le_console(&d->console);
	d->reserved[0] = htole64(d->reserved[0]);
	d->reserved[1] = htole64(d->reserved[1]);
}

/* Everything but root_cell, which bh_le_cell converts. */
void bh_le_system(struct bulkhead_system *s)
{
	struct bulkhead_platform *p = &s->platform;
	struct bulkhead_arm64_platform *a = &p->arch.arm64;

	s->revision = htole32(s->revision);
	s->arch = htole32(s->arch);
	s->flags = htole32(s->flags);
	s->reserved = htole32(s->reserved);
	bh_le_memory(&s->hypervisor_memory);
	le_console(&s->debug_console);
	p->pci_ecam_base = htole64(p->pci_ecam_base);
	p->pci_ecam_size = htole64(p->pci_ecam_size);
	p->vpci_ecam_base = htole64(p->vpci_ecam_base);
	p->pci_domain = htole16(p->pci_domain);
	p->num_cpus = htole32(p->num_cpus);
	a->gic_version = htole32(a->gic_version);
	a->maintenance_irq = htole32(a->maintenance_irq);
	a->gicd_base = htole64(a->gicd_base);
	a->gicr_base = htole64(a->gicr_base);
	a->gicr_stride = htole32(a->gicr_stride);
	a->reserved = htole32(a->reserved);
	a->gicc_base = htole64(a->gicc_base);
	a->gich_base = htole64(a->gich_base);
	a->gicv_base = htole64(a->gicv_base);
}
