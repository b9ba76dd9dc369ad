/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Translation control values shared by the descriptor formats
 * (paging_formats.c) and the code that programs the MMU. Plain defines:
 * assembly includes this too.
 */
#ifndef _ARCH_PAGING_BITS_H
#define _ARCH_PAGING_BITS_H

/* MAIR_EL2 slots: 0 normal write-back, 1 Device-nGnRE. */
#define MAIR_IDX_NORMAL		0
#define MAIR_IDX_DEVICE		1
#define MAIR_EL2_VALUE		0x04ffULL

/* TCR_EL2: 39-bit VA, 4 KiB granule, walks inner-shareable WB. */
#define TCR_T0SZ(bits)		(64 - (bits))
#define TCR_IRGN0_WBWA		(1ULL << 8)
#define TCR_ORGN0_WBWA		(1ULL << 10)
#define TCR_SH0_INNER		(3ULL << 12)
#define TCR_PS_SHIFT		16
#define TCR_EL2_RES1		((1ULL << 31) | (1ULL << 23))
#define HV_VA_BITS		39

/* VTCR_EL2: 40-bit IPA, lookup starts at level 1 (two concatenated). */
#define VTCR_SL0_LEVEL1		(1ULL << 6)
#define VTCR_PS_SHIFT		16
#define VTCR_RES1		(1ULL << 31)
#define CELL_IPA_BITS		40

/* ID_AA64MMFR0_EL1.PARange encodings up to 48 bits. */
#define PARANGE_40		2

#define SCTLR_M			(1ULL << 0)
#define SCTLR_C			(1ULL << 2)
#define SCTLR_I			(1ULL << 12)

#endif
