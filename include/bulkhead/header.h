/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Header at offset 0 of the hypervisor image (bulkhead-arm64.bin). The
 * driver checks it before copying the image into the reserved region.
 * All fields little-endian.
 */
#ifndef _BULKHEAD_HEADER_H
#define _BULKHEAD_HEADER_H

#define BULKHEAD_HEADER_SIGNATURE	"BULKHDHV"
#define BULKHEAD_HEADER_REVISION	1

#ifndef __ASSEMBLER__
#include <bulkhead/types.h>

struct bulkhead_header {
	char signature[8];	/* BULKHEAD_HEADER_SIGNATURE */
	__u32 revision;		/* BULKHEAD_HEADER_REVISION */
	__u32 arch;		/* BULKHEAD_ARCH_* */
	__u64 image_size;	/* bytes of code and data in the image */
	__u64 core_size;	/* image + bss, page aligned */
	__u64 entry;		/* offset of the entry vectors */
	__u32 percpu_size;	/* bytes of per-CPU data for each CPU */
	__u32 max_cpus;		/* CPUs the image can manage */
	char version[16];	/* NUL-terminated version string */
} __attribute__((packed));
#endif

#define BULKHEAD_ARCH_ARM64	1
#define BULKHEAD_ARCH_X86_64	2

#endif
