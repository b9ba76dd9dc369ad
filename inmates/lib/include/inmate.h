/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * The inmate library's interface for bare-metal programs that run in a
 * Bulkhead cell or, for comparison and tests, directly on QEMU's virt board.
 * docs/inmates.md describes the whole library.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <bulkhead/types.h>
#include <inmate/arch.h>
#include <inmate/image.h>

#define NULL		((void *)0)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

typedef _Bool bool;
#define true	1
#define false	0

typedef __builtin_va_list va_list;
#define va_start(ap, last)	__builtin_va_start(ap, last)
#define va_arg(ap, type)	__builtin_va_arg(ap, type)
#define va_end(ap)		__builtin_va_end(ap)
#define va_copy(d, s)		__builtin_va_copy(d, s)

void *memcpy(void *dest, const void *src, unsigned long n);
void *memset(void *dest, int c, unsigned long n);

/* The demo's entry, called with a stack, vectors and zeroed BSS. */
void inmate_main(void);

/* Mask everything and stop this CPU for good. */
void __attribute__((noreturn)) inmate_halt(void);

/* True when the hypervisor's comm region is there (we run in a cell). */
bool inmate_in_cell(void);

/*
 * mmu.c: the identity map (docs/inmates.md, "Memory attributes"). Every
 * 2 MiB block is Device-nGnRE and execute-never unless mapped otherwise;
 * the image is Normal Write-Back and executable from entry on.
 */
enum map_type {
	MAP_CACHED,	/* Normal inner/outer Write-Back, inner shareable */
	MAP_UNCACHED,	/* Device-nGnRE */
};

void inmate_mmu_init(void);
/*
 * Sets [addr, addr + size), rounded out to 2 MiB blocks, execute-never.
 * -1 if the blocks hold the image, beyond the 512 GiB map, or (cached)
 * the comm region; the caller must own everything in the blocks it maps
 * cached (the CPU may read ahead anywhere in them).
 */
int map_range(unsigned long addr, unsigned long size, enum map_type type);

/* console.c: where output goes (PL011 or the debug-console hypercall). */
enum console_backend {
	CONSOLE_NONE,
	CONSOLE_PL011,
	CONSOLE_HYPERCALL,
};

void console_init(void);
int console_select(enum console_backend backend, unsigned long base);
enum console_backend console_backend(void);
void console_putc(char c);
void console_puts(const char *s);
void console_write(const char *s, unsigned long len);

/* Backends. */
void pl011_init(unsigned long base);
void pl011_putc(char c);
bool hypercall_console_available(void);
void hypercall_console_putc(char c);

/* printk.c: %d %i %u %x %X %p %s %c %%, flags 0 and -, width, l/ll/z. */
int vsnprintk(char *buf, unsigned long size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintk(char *buf, unsigned long size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* irq.c: dispatch of IRQs taken at EL1 to registered handlers. */
typedef void (*irq_handler_t)(unsigned int irq);

#define IRQ_MAX			1020
void irq_set_handler(unsigned int irq, irq_handler_t handler);
void irq_dispatch(void);
extern unsigned long irq_unhandled_count;

/* gicv3.c */
#define GIC_SGI_MAX		16
#define GIC_PPI_VIRT_TIMER	27
#define GIC_PPI_PHYS_TIMER	30

int gic_init(void);
/*
 * Only the CPU interface (ICC_* system registers): enough for interrupts
 * the hypervisor injects itself (e.g. ivshmem's), no distributor access.
 */
void gic_init_cpu_interface(void);
void gic_enable_irq(unsigned int irq);
void gic_disable_irq(unsigned int irq);
/* Inline: both sit on every interrupt's path (irq_dispatch()). */
static inline __u32 gic_ack(void)
{
	return read_sysreg(icc_iar1_el1);
}

static inline void gic_eoi(__u32 iar)
{
	write_sysreg(iar, icc_eoir1_el1);
}
void gic_send_sgi(__u32 target_affinity, unsigned int target_list,
		  unsigned int sgi);

/* timer.c: the EL1 virtual timer (CNTV, PPI 27). */
#define TIMER_IRQ		GIC_PPI_VIRT_TIMER

__u64 timer_frequency(void);
/* Inline: interrupt handlers read it first thing, for exact latencies. */
static inline __u64 timer_ticks(void)
{
	isb();		/* do not read the counter ahead of program order */
	return read_sysreg(cntvct_el0);
}

void timer_arm_deadline(__u64 deadline_ticks);
void timer_disarm(void);
__u64 timer_ticks_to_ns(__u64 ticks);
__u64 timer_ns_to_ticks(__u64 ns);
void delay_us(__u64 us);

/* pci.c: config space over an ECAM window, bus 0 */
void pci_init(unsigned long ecam_base);
__u32 pci_read32(__u16 bdf, unsigned int reg);
void pci_write32(__u16 bdf, unsigned int reg, __u32 value);
/* First function at or after bdf with these ids, or -1. */
int pci_find_device(__u16 vendor, __u16 device, __u16 from);
/* Config-space offset of capability id, or -1. */
int pci_find_cap(__u16 bdf, __u8 id);

/* ivshmem.c: an IVSHMEM v2 endpoint on the virtual PCI bus */
struct ivshmem {
	__u16 bdf;
	__u32 id, peers;
	unsigned long regs;		/* BAR 0 */
	unsigned long shmem;		/* state table, then the sections */
	__u32 state_size;
	__u64 rw_size, out_size;
};

/*
 * 0, or -1 when no ivshmem device is found at or after from, or its
 * shared memory cannot be mapped cached (map_range()).
 */
int ivshmem_init(struct ivshmem *dev, __u16 from);
void ivshmem_enable_irq(struct ivshmem *dev, bool on);
void ivshmem_set_state(struct ivshmem *dev, __u32 state);
__u32 ivshmem_peer_state(struct ivshmem *dev, unsigned int peer);
void ivshmem_doorbell(struct ivshmem *dev, unsigned int peer);
/* Guest-physical start of a peer's output section. */
unsigned long ivshmem_output(struct ivshmem *dev, unsigned int peer);

/* comm_region.c: the hypervisor's messages (include/bulkhead/comm_region.h)*/
enum comm_event {
	COMM_NOTHING,
	COMM_SHUTDOWN_APPROVED,	/* the hypervisor will stop this cell now */
	COMM_SHUTDOWN_DENIED,
	COMM_OTHER,		/* another message, answered */
};

struct bulkhead_comm_region;

struct bulkhead_comm_region *comm_region(void);
void comm_init(void);
/* The cell's virtual PCI host: ECAM and slot 0's INTx, 0 when none. */
unsigned long comm_vpci_ecam_base(void);
unsigned int comm_vpci_irq_base(void);
void comm_set_locked(bool locked);
enum comm_event comm_poll(void);
void comm_report_failed(void);
void comm_report_shut_down(void);

#endif
