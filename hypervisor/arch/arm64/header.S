/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The image header (include/bulkhead/header.h) the driver reads first.
 */
#include <bulkhead/header.h>
#include <bulkhead/version.h>
#include <hv/percpu.h>

	.section .header, "a"
	.globl bulkhead_header
bulkhead_header:
	.ascii	BULKHEAD_HEADER_SIGNATURE
	.long	BULKHEAD_HEADER_REVISION
	.long	BULKHEAD_ARCH_ARM64
	.quad	__image_end
	.quad	__core_end
	.quad	el2_entry_vectors
	.long	PERCPU_SIZE
	.long	HV_MAX_CPUS
	.asciz	BULKHEAD_VERSION
	.balign	8, 0
