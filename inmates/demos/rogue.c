// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * rogue: one deliberate isolation violation, chosen at load time by the
 * parameter word at image offset 0x10 (docs/inmates.md). It prints
 *
 *   ROGUE attempt=NAME target=0x...     right before the access
 *   ROGUE survived=NAME result=0x...    if the access came back
 *
 * In a cell the hypervisor must stop it between the two lines (state
 * failed, a report naming the access); bare metal most accesses simply
 * succeed, which is what the bare tests check.
 */
#include <inmate.h>

#define HV_MEMORY		0x7f000000UL	/* QEMU: hypervisor image */
#define GICD_BASE		0x08000000UL
#define GICD_ICENABLER		0x0180
#define UART_IRQ		33		/* the root cell's PL011 */
#define RTC_BASE		0x09010000UL	/* PL031, not in a demo cell */
#define OUTSIDE_RAM_OFFSET	0x01000000UL	/* cells get 1 MiB */
#define FOREIGN_CPU		0		/* CPU 0: always the root's */
#define FOREIGN_CPU_MPIDR	1		/* CPU 1, the root's */
#define SGI_NUM			1
#define PSCI_CPU_ON_64		0xc4000003UL
/* The demo cell's ivshmem link (configs/qemu-arm64-demo.json). */
#define IVSHMEM_STATE_TABLE	0x7ef00000UL	/* read-only for peers */
#define IVSHMEM_ROOT_OUTPUT	0x7ef80000UL	/* peer 0's, read-only here */

extern char __inmate_start[];

struct misdeed {
	const char *name;
	unsigned long (*target)(void);
	unsigned long (*run)(unsigned long target);
	bool needs_gic;
};

static unsigned long outside_ram(void)
{
	return (unsigned long)__inmate_start + OUTSIDE_RAM_OFFSET;
}

static unsigned long write_outside_ram(unsigned long addr)
{
	mmio_write32(addr, 0xbadc0de);
	return mmio_read32(addr);
}

/*
 * Text without a newline, then a fault: the cell dies mid-line. Its
 * words must still reach the console as a line of their own, and not
 * open the first line of the next cell on this CPU.
 */
static unsigned long write_after_unfinished_line(unsigned long addr)
{
	printk("ROGUE unfinished line: ");
	return write_outside_ram(addr);
}

static unsigned long hv_memory(void)
{
	return HV_MEMORY;
}

static unsigned long read_memory(unsigned long addr)
{
	return mmio_read32(addr);
}

static unsigned long foreign_gicd_reg(void)
{
	return GICD_BASE + GICD_ICENABLER + (UART_IRQ / 32) * 4;
}

static unsigned long disable_foreign_irq(unsigned long reg)
{
	mmio_write32(reg, 1U << (UART_IRQ % 32));
	return 0;
}

static unsigned long foreign_cpu(void)
{
	return FOREIGN_CPU;
}

static unsigned long sgi_to_cpu(unsigned long cpu)
{
	gic_send_sgi(0, 1U << cpu, SGI_NUM);
	return 0;
}

static unsigned long foreign_mpidr(void)
{
	return FOREIGN_CPU_MPIDR;
}

/* SMC is the PSCI conduit a cell sees (DESIGN.md: virtualization=on). */
static unsigned long psci_cpu_on(unsigned long mpidr)
{
	register unsigned long x0 asm("x0") = PSCI_CPU_ON_64;
	register unsigned long x1 asm("x1") = mpidr;
	register unsigned long x2 asm("x2") = (unsigned long)inmate_halt;
	register unsigned long x3 asm("x3") = 0;

	asm volatile("smc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static unsigned long rtc(void)
{
	return RTC_BASE;
}

static unsigned long ivshmem_state_table(void)
{
	return IVSHMEM_STATE_TABLE;
}

static unsigned long ivshmem_root_output(void)
{
	return IVSHMEM_ROOT_OUTPUT;
}

/* Indexed by the parameter word; 0 is "behave". */
static const struct misdeed misdeeds[] = {
	[1] = { "write-outside-ram", outside_ram, write_outside_ram },
	[2] = { "read-hv-memory", hv_memory, read_memory },
	[3] = { "gicd-foreign-irq", foreign_gicd_reg, disable_foreign_irq },
	[4] = { "sgi-foreign-cpu", foreign_cpu, sgi_to_cpu, true },
	[5] = { "psci-cpu-on-foreign", foreign_mpidr, psci_cpu_on },
	[6] = { "foreign-mmio", rtc, read_memory },
	[7] = { "write-ivshmem-state-table", ivshmem_state_table,
		write_outside_ram },
	[8] = { "write-ivshmem-peer-output", ivshmem_root_output,
		write_outside_ram },
	[9] = { "unfinished-line", outside_ram, write_after_unfinished_line },
};

static void list_misdeeds(void)
{
	unsigned int n;

	for (n = 1; n < ARRAY_SIZE(misdeeds); n++)
		printk("ROGUE param %u = %s\n", n, misdeeds[n].name);
}

void inmate_main(void)
{
	__u32 param = inmate_param;
	const struct misdeed *m;
	unsigned long target, result;

	console_init();
	if (!param || param >= ARRAY_SIZE(misdeeds)) {
		printk("ROGUE no misbehaviour for parameter %u\n", param);
		list_misdeeds();
		return;
	}
	m = &misdeeds[param];
	/* The SGI goes through the CPU interface, which must be on. */
	if (m->needs_gic && gic_init())
		printk("ROGUE gic_init failed\n");
	target = m->target();
	printk("ROGUE attempt=%s target=0x%lx\n", m->name, target);
	result = m->run(target);
	printk("ROGUE survived=%s result=0x%lx\n", m->name, result);
}
