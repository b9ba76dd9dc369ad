/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The header at offset 0 of every inmate image (entry.S), shared by C, the
 * assembler and the documentation of the loaders that patch it.
 *
 *   0x00  u32  branch to the entry code
 *   0x04  u32  reserved, 0
 *   0x08  8 B  INMATE_IMAGE_MAGIC
 *   0x10  u32  parameter word: meaning defined per demo, 0 = default
 *   0x14  u32  INMATE_IMAGE_VERSION
 *   0x18  u64  link address (0 for cell images)
 */
#ifndef _INMATE_IMAGE_H
#define _INMATE_IMAGE_H

#define INMATE_IMAGE_MAGIC		"BHINMATE"
#define INMATE_IMAGE_VERSION		1
#define INMATE_IMAGE_PARAM_OFFSET	0x10

#ifndef __ASSEMBLER__
#include <bulkhead/types.h>

/* The parameter word as the loader left it. */
extern volatile __u32 inmate_param;
#endif

#endif
