/* SPDX-License-Identifier: GPL-2.0 */
/* Byte order conversion of the binary config structs (both directions). */
#ifndef LIBBULKHEAD_CONFIG_ENDIAN_H
#define LIBBULKHEAD_CONFIG_ENDIAN_H

#include <bulkhead/config.h>

void bh_le_memory(struct bulkhead_memory *m);
void bh_le_irqchip(struct bulkhead_irqchip *c);
void bh_le_pci(struct bulkhead_pci_device *d);
void bh_le_cell(struct bulkhead_cell_desc *d);
void bh_le_system(struct bulkhead_system *s);

#endif
