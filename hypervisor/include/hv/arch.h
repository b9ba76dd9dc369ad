/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the architecture-independent core asks of the architecture. Host unit
 * tests provide their own versions of these.
 */
#ifndef _HV_ARCH_H
#define _HV_ARCH_H

#include <hv/types.h>

struct cell;
struct per_cpu;

/* Hardware identity of the running CPU (MPIDR_EL1 affinity on arm64). */
u64 arch_cpu_hw_id(void);
/* Exception level the hypervisor runs at, for the banner. */
unsigned int arch_current_el(void);
/* Start/stop using the debug console described by the config. */
int arch_console_init(u64 address, u16 type, u16 flags);
void arch_console_putc(char c);
/* Stop this CPU for good after a fatal error inside the hypervisor. */
void arch_halt(void) __attribute__((noreturn));
/* Physical start of the hypervisor image (where the header is). */
u64 arch_image_base(void);

/*
 * Run the calling CPU's guest (the EL1 code that entered) under the
 * cell's stage 2 from the next exception return on, and undo that.
 */
int arch_cpu_activate(struct per_cpu *cpu, struct cell *cell);
void arch_cpu_deactivate(struct per_cpu *cpu);
/* Switch this CPU's MMU on with the given root table (identity map). */
void arch_mmu_on(u64 root);
bool arch_mmu_enabled(void);
/* Clean and invalidate data caches to the point of coherency. */
void arch_dcache_clean_inval(u64 start, u64 size);
struct paging;
/* Map the devices the hypervisor drives itself (e.g. the GIC). */
int arch_hv_map_devices(struct paging *hv);
/*
 * A cell's interrupt controller emulation: set up (no change to the
 * hardware yet), take the cell's interrupt lines from the root cell once
 * the cell exists, and tear down (a non-root cell's lines go back to the
 * root cell, disabled).
 */
int arch_cell_irqchip_init(struct cell *cell);
void arch_cell_irqchip_take(struct cell *cell);
void arch_cell_irqchip_exit(struct cell *cell);

/*
 * Cells (arch/arm64/cell_cpu.c). Flush the TLB entries a live stage 2
 * (pg->vmid) or the hypervisor's own map may hold, on all CPUs.
 */
struct paging;
void arch_stage2_flush(const struct paging *pg);
void arch_hv_map_flush(const struct paging *pg);
/*
 * Wait, parked at EL2, until arch_cpu_release() names this CPU, then
 * return into cpu->cell at the requested entry with a clean EL1 (frame:
 * the guest registers restored on the way out).
 */
struct trap_frame;
void arch_cpu_park(struct per_cpu *cpu, struct trap_frame *frame);
void arch_cpu_release(struct per_cpu *target, u64 entry, u64 context);
/* Make a CPU running a cell enter the hypervisor (e.g. out of WFI). */
void arch_cpu_kick(const struct per_cpu *target);
/* Milliseconds of a free-running clock, for bounded waits. */
u64 arch_time_ms(void);
/* The system counter's frequency in Hz (what cells' timers count). */
u32 arch_timer_frequency(void);
/* Body of every bounded spin: lets other (virtual) CPUs run. */
void arch_spin_pause(void);

/*
 * Software-generated virtual interrupts (arch/arm64/virq.c): make intid
 * pending in one running CPU of the cell (the one its guest routed it
 * to, if it can tell), as a virtual interrupt with no physical one
 * behind it. Callable from any CPU. Forget what is pending on the CPUs
 * of cpu_set (a cell going away).
 */
void arch_virq_raise(struct cell *cell, u32 intid);
void arch_virq_reset(u64 cpu_set);

#endif
