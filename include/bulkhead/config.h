/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Binary config format: what the driver hands to the hypervisor.
 *
 * A system config (bulkhead_system) describes the machine and embeds the root
 * cell; a cell config (bulkhead_cell_desc) describes one non-root cell. Both
 * are produced by libbulkhead's config compiler from JSON; docs/config-format.md
 * gives every field's meaning and unit.
 *
 * Layout rules: every field is little-endian and fixed width, every struct is
 * naturally aligned with explicit reserved fields instead of implicit padding
 * (checked below), so no struct needs to be packed and all consumers (kernel,
 * freestanding hypervisor, userspace on any host) see the same bytes.
 *
 * A cell config is the header followed, in this order and without gaps, by
 *   num_memory_regions x struct bulkhead_memory
 *   num_irqchips       x struct bulkhead_irqchip
 *   num_pci_devices    x struct bulkhead_pci_device
 * A system config is struct bulkhead_system, whose last member is the root
 * cell's header, followed by the root cell's arrays in the same order.
 */
#ifndef _BULKHEAD_CONFIG_H
#define _BULKHEAD_CONFIG_H

#include <bulkhead/types.h>

#define BULKHEAD_SYSTEM_SIGNATURE	"BHSYSTEM"
#define BULKHEAD_CELL_SIGNATURE		"BHCELL\0\0"
#define BULKHEAD_SIGNATURE_SIZE		8

/* Bumped on every incompatible change of anything in this file. */
#define BULKHEAD_CONFIG_REVISION	1

/* BULKHEAD_ARCH_* values are shared with the image header. */
#ifndef BULKHEAD_ARCH_ARM64
#define BULKHEAD_ARCH_ARM64		1
#define BULKHEAD_ARCH_X86_64		2
#endif

#define BULKHEAD_CELL_NAME_SIZE		32	/* incl. the terminating NUL */
#define BULKHEAD_CPU_SET_WORDS		4	/* 64-bit words: 256 CPUs */
#define BULKHEAD_MAX_CPUS		(BULKHEAD_CPU_SET_WORDS * 64)
#define BULKHEAD_IRQCHIP_PIN_WORDS	4	/* 32-bit words: 128 lines */
#define BULKHEAD_IRQCHIP_PINS		(BULKHEAD_IRQCHIP_PIN_WORDS * 32)
#define BULKHEAD_PCI_NUM_BARS		6

/* The page size every region is aligned to. */
#define BULKHEAD_CONFIG_PAGE_SIZE	0x1000ULL

/* bulkhead_memory.flags */
#define BULKHEAD_MEM_READ		0x0001ULL
#define BULKHEAD_MEM_WRITE		0x0002ULL
#define BULKHEAD_MEM_EXECUTE		0x0004ULL
#define BULKHEAD_MEM_DMA		0x0008ULL	/* devices may DMA here */
#define BULKHEAD_MEM_IO			0x0010ULL	/* device memory */
#define BULKHEAD_MEM_COMM_REGION	0x0020ULL	/* hypervisor's comm page */
#define BULKHEAD_MEM_LOADABLE		0x0040ULL	/* root may load images */
#define BULKHEAD_MEM_ROOTSHARED		0x0080ULL	/* stays mapped in root */
#define BULKHEAD_MEM_VALID_FLAGS	0x00ffULL

struct bulkhead_memory {
	__u64 phys_start;	/* host physical address, bytes */
	__u64 virt_start;	/* guest physical address seen by the cell */
	__u64 size;		/* bytes, multiple of the page size */
	__u64 flags;		/* BULKHEAD_MEM_* */
};

/*
 * Interrupt lines owned by a cell on one interrupt controller: bit n of
 * pin_bitmap (word n / 32, bit n % 32) set means line pin_base + n is the
 * cell's. SGIs and PPIs (INTID < 32) are per CPU and follow the CPU.
 */
struct bulkhead_irqchip {
	__u64 address;		/* controller base (GICD on arm64) */
	__u32 id;		/* controller index, 0 on a single GIC */
	__u32 pin_base;		/* first line covered, multiple of 32 */
	__u32 pin_bitmap[BULKHEAD_IRQCHIP_PIN_WORDS];
};

/* bulkhead_pci_device.type */
#define BULKHEAD_PCI_TYPE_DEVICE	1	/* physical endpoint */
#define BULKHEAD_PCI_TYPE_BRIDGE	2	/* physical bridge */
#define BULKHEAD_PCI_TYPE_IVSHMEM	3	/* virtual shared-memory device */

/* bulkhead_pci_device.shmem_protocol */
#define BULKHEAD_SHMEM_PROTO_UNDEFINED	0x0000
#define BULKHEAD_SHMEM_PROTO_VETH	0x0001

struct bulkhead_pci_device {
	__u32 type;		/* BULKHEAD_PCI_TYPE_* */
	__u16 domain;		/* PCI segment */
	__u16 bdf;		/* bus << 8 | device << 3 | function */
	__u32 bar_mask[BULKHEAD_PCI_NUM_BARS];	/* writable BAR bits */
	/* ivshmem only (zero otherwise): */
	__u32 shmem_regions_start;	/* index of its first memory region */
	__u16 shmem_dev_id;	/* this cell's peer number, < shmem_peers */
	__u16 shmem_peers;	/* peers on this link, 2..16 */
	__u16 shmem_protocol;	/* BULKHEAD_SHMEM_PROTO_* */
	__u16 num_msix_vectors;	/* MSI-X vectors, 0 = INTx */
	__u32 reserved;		/* must be 0 */
};

/* bulkhead_console.type */
#define BULKHEAD_CON_TYPE_NONE		0
#define BULKHEAD_CON_TYPE_PL011		1

/* bulkhead_console.flags */
#define BULKHEAD_CON_ACCESS_MMIO	0x0001	/* registers are MMIO */
#define BULKHEAD_CON_REGDIST_4		0x0002	/* registers 4 bytes apart */
#define BULKHEAD_CON_VALID_FLAGS	0x0003

struct bulkhead_console {
	__u64 address;		/* register base, physical */
	__u32 size;		/* bytes of the register window */
	__u16 type;		/* BULKHEAD_CON_TYPE_* */
	__u16 flags;		/* BULKHEAD_CON_* */
};

/* bulkhead_cell_desc.flags */
#define BULKHEAD_CELL_PASSIVE_COMMREG	0x0001	/* ignores comm messages */
#define BULKHEAD_CELL_DEBUG_CONSOLE	0x0002	/* may print via hypercall */
#define BULKHEAD_CELL_VALID_FLAGS	0x0003

struct bulkhead_cell_desc {
	char signature[BULKHEAD_SIGNATURE_SIZE];  /* BULKHEAD_CELL_SIGNATURE */
	__u32 revision;		/* BULKHEAD_CONFIG_REVISION */
	__u32 arch;		/* BULKHEAD_ARCH_* */
	char name[BULKHEAD_CELL_NAME_SIZE];	/* NUL-terminated, NUL-padded */
	__u32 flags;		/* BULKHEAD_CELL_* */
	__u32 num_memory_regions;
	__u32 num_irqchips;
	__u32 num_pci_devices;
	__u64 cpu_set[BULKHEAD_CPU_SET_WORDS];	/* bit n: logical CPU n */
	__u64 cpu_reset_address;	/* guest physical entry of its CPUs */
	__u32 msg_reply_timeout_ms;	/* wait for comm replies, 0 = default */
	__u32 vpci_irq_base;	/* first line for virtual PCI INTx, 0 = none */
	struct bulkhead_console console;
	__u64 reserved[2];	/* must be 0 */
};

/* bulkhead_platform.arm64.gic_version */
#define BULKHEAD_GIC_V2			2
#define BULKHEAD_GIC_V3			3

struct bulkhead_arm64_platform {
	__u32 gic_version;	/* BULKHEAD_GIC_V2 or _V3 */
	__u32 maintenance_irq;	/* GIC maintenance PPI (INTID) */
	__u64 gicd_base;	/* distributor */
	__u64 gicr_base;	/* v3: first redistributor */
	__u32 gicr_stride;	/* v3: bytes per CPU's redistributor */
	__u32 reserved;		/* must be 0 */
	__u64 gicc_base;	/* v2: CPU interface */
	__u64 gich_base;	/* v2: virtual interface control */
	__u64 gicv_base;	/* v2: virtual CPU interface */
};

#define BULKHEAD_PLATFORM_ARCH_SIZE	128

struct bulkhead_platform {
	__u64 pci_ecam_base;	/* config space window, 0 = no PCI */
	__u64 pci_ecam_size;	/* bytes, (end_bus - start_bus + 1) MiB */
	__u64 vpci_ecam_base;	/* virtual host bridge for ivshmem, 0 = none */
	__u16 pci_domain;	/* segment of the physical ECAM */
	__u8 pci_start_bus;
	__u8 pci_end_bus;
	__u32 num_cpus;		/* logical CPUs of the machine */
	union {
		struct bulkhead_arm64_platform arm64;
		__u8 size[BULKHEAD_PLATFORM_ARCH_SIZE];	/* fixes the size */
	} arch;
};

/* bulkhead_system.flags */
#define BULKHEAD_SYS_VALID_FLAGS	0x0000

struct bulkhead_system {
	char signature[BULKHEAD_SIGNATURE_SIZE];  /* BULKHEAD_SYSTEM_SIGNATURE */
	__u32 revision;		/* BULKHEAD_CONFIG_REVISION */
	__u32 arch;		/* BULKHEAD_ARCH_* */
	__u32 flags;		/* BULKHEAD_SYS_*, none defined yet */
	__u32 reserved;		/* must be 0 */
	struct bulkhead_memory hypervisor_memory;  /* image + page pool */
	struct bulkhead_console debug_console;
	struct bulkhead_platform platform;
	struct bulkhead_cell_desc root_cell;	/* must stay last */
};

/*
 * Layout checks: the sizes and offsets above are ABI. _Static_assert is C11
 * and available to the kernel (gnu11) and GCC in every mode we build with.
 */
#define BULKHEAD_CONFIG_CHECK(what, value) \
	_Static_assert(what == value, #what " is ABI: " #value)

BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_memory), 32);
BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_irqchip), 32);
BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_pci_device), 48);
BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_console), 16);
BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_cell_desc), 144);
BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_arm64_platform), 56);
BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_platform), 160);
BULKHEAD_CONFIG_CHECK(sizeof(struct bulkhead_system), 376);
BULKHEAD_CONFIG_CHECK(__builtin_offsetof(struct bulkhead_cell_desc, cpu_set),
		      64);
BULKHEAD_CONFIG_CHECK(__builtin_offsetof(struct bulkhead_system, root_cell),
		      232);

/*
 * The helpers here read fields natively: they serve the little-endian
 * consumers (hypervisor, driver). libbulkhead converts explicitly instead.
 */

static inline const struct bulkhead_memory *
bulkhead_cell_memory_regions(const struct bulkhead_cell_desc *cell)
{
	return (const struct bulkhead_memory *)(cell + 1);
}

static inline const struct bulkhead_irqchip *
bulkhead_cell_irqchips(const struct bulkhead_cell_desc *cell)
{
	return (const struct bulkhead_irqchip *)
		(bulkhead_cell_memory_regions(cell) + cell->num_memory_regions);
}

static inline const struct bulkhead_pci_device *
bulkhead_cell_pci_devices(const struct bulkhead_cell_desc *cell)
{
	return (const struct bulkhead_pci_device *)
		(bulkhead_cell_irqchips(cell) + cell->num_irqchips);
}

/*
 * Bytes of a cell config: header plus its arrays. Computed in 64 bits so
 * that hostile 32-bit counts cannot wrap; callers compare it against the
 * bytes they actually have before touching any array.
 */
static inline __u64
bulkhead_cell_config_size(const struct bulkhead_cell_desc *cell)
{
	return sizeof(struct bulkhead_cell_desc) +
	       (__u64)cell->num_memory_regions * sizeof(struct bulkhead_memory) +
	       (__u64)cell->num_irqchips * sizeof(struct bulkhead_irqchip) +
	       (__u64)cell->num_pci_devices *
		       sizeof(struct bulkhead_pci_device);
}

/* Bytes of a system config, root cell arrays included. */
static inline __u64
bulkhead_system_config_size(const struct bulkhead_system *sys)
{
	return sizeof(struct bulkhead_system) -
	       sizeof(struct bulkhead_cell_desc) +
	       bulkhead_cell_config_size(&sys->root_cell);
}

static inline int bulkhead_cell_has_cpu(const struct bulkhead_cell_desc *cell,
					unsigned int cpu)
{
	return cpu < BULKHEAD_MAX_CPUS &&
	       (cell->cpu_set[cpu / 64] >> (cpu % 64)) & 1;
}

#endif
