// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI for the root cell, over trapped SMCs (HCR_EL2.TSC). The CPUs stay
 * under the hypervisor's control across Linux's CPU hotplug: CPU_OFF parks
 * the CPU at EL2 instead of powering it off (a CPU restarted by the
 * firmware would come back through the kernel's EL2 setup and reinstall
 * the stub), and CPU_ON releases a parked CPU into its guest at the given
 * entry, with EL1 as PSCI promises it (MMU and caches off, interrupts
 * masked, x0 = context). SYSTEM_OFF/RESET and the informational calls go
 * to the firmware; everything else answers NOT_SUPPORTED as SMCCC says.
 *
 * Non-root cells get the same calls for their own CPUs. A non-root cell
 * naming a CPU outside its set (CPU_ON, AFFINITY_INFO) is misbehaving: it
 * tries to take or probe a CPU it was not given, which a correct inmate
 * never does, so the cell is stopped and marked failed like any other
 * isolation violation. The root cell only gets DENIED: Linux asks for
 * CPUs a cell holds whenever a user onlines them, and copes with the no.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <arch/psci.h>
#include <arch/sysregs.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_SUSPEND_32	0x84000001
#define PSCI_CPU_SUSPEND_64	0xc4000001
#define PSCI_CPU_OFF_FN		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1LL)
#define PSCI_INVALID_PARAMS	(-2LL)
#define PSCI_DENIED		(-3LL)
#define PSCI_ALREADY_ON		(-4LL)
#define PSCI_ON_PENDING		(-5LL)

#define PSCI_VERSION_1_0	0x10000
#define MIGRATE_NOT_REQUIRED	2

static spinlock_t psci_lock;

/* The entered CPU of this cell with that MPIDR, or NULL. */
static struct per_cpu *cpu_by_mpidr(struct cell *cell, u64 mpidr)
{
	unsigned int n;

	mpidr &= MPIDR_AFFINITY_MASK;
	for (n = 0; n < HV_MAX_CPUS; n++)
		if (per_cpu_area[n].entered && per_cpu_area[n].cell == cell &&
		    per_cpu_area[n].hw_id == mpidr)
			return &per_cpu_area[n];
	return NULL;
}

static u64 firmware_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static s64 cpu_on(struct per_cpu *cpu, u64 mpidr, u64 entry, u64 context)
{
	struct per_cpu *target = cpu_by_mpidr(cpu->cell, mpidr);
	s64 ret = PSCI_SUCCESS;

	/* Not ours, or never entered: the firmware would bypass us. */
	if (!target)
		return PSCI_DENIED;
	spin_lock(&psci_lock);
	if (target->arch.psci_state == PSCI_CPU_ON) {
		ret = PSCI_ALREADY_ON;
	} else if (target->arch.psci_state == PSCI_CPU_ON_PENDING) {
		ret = PSCI_ON_PENDING;
	} else {
		target->arch.psci_entry = entry;
		target->arch.psci_context = context;
		target->arch.psci_state = PSCI_CPU_ON_PENDING;
	}
	spin_unlock(&psci_lock);
	asm volatile("dsb ish\n\tsev" : : : "memory");
	return ret;
}

static s64 affinity_info(struct per_cpu *cpu, u64 mpidr, u64 level)
{
	struct per_cpu *target = cpu_by_mpidr(cpu->cell, mpidr);

	if (level != 0)
		return PSCI_INVALID_PARAMS;
	if (!target)
		return PSCI_INVALID_PARAMS;
	return __atomic_load_n(&target->arch.psci_state, __ATOMIC_ACQUIRE);
}

/*
 * CPU_OFF: wait at EL2 until a CPU_ON names this CPU, then restart the
 * guest at its entry. Parking is indefinite by design (the CPU is off for
 * the cell); wfe pairs with the sev in cpu_on.
 */
static void cpu_off(struct per_cpu *cpu, struct trap_frame *frame)
{
	spin_lock(&psci_lock);
	cpu->arch.psci_state = PSCI_CPU_OFF;
	spin_unlock(&psci_lock);
	console_cell_flush(cpu);
	printk("Bulkhead: CPU %u off (parked in the hypervisor)\n",
	       cpu->cpu_id);
	arch_cpu_park(cpu, frame);
	printk("Bulkhead: CPU %u on at 0x%lx\n", cpu->cpu_id,
	       (unsigned long)cpu->arch.psci_entry);
}

/*
 * A non-root cell's call names a CPU that is not its own: report the
 * access and stop the cell. Returns true if it did (the CPU is parked and
 * the call is not answered).
 */
static bool foreign_target(struct per_cpu *cpu, struct trap_frame *frame,
			   u64 fn, u64 mpidr)
{
	if (cpu->cell == &root_cell || cpu_by_mpidr(cpu->cell, mpidr))
		return false;
	printk("Bulkhead: cell \"%s\" CPU %u: PSCI %s (0x%lx) for MPIDR "
	       "0x%lx, a CPU outside the cell, PC 0x%lx; cell stopped, state "
	       "failed\n", cpu->cell->config->name, cpu->cpu_id,
	       (fn == PSCI_CPU_ON_32 || fn == PSCI_CPU_ON_64) ?
	       "CPU_ON" : "AFFINITY_INFO", (unsigned long)fn,
	       (unsigned long)mpidr, (unsigned long)read_sysreg(elr_el2));
	cell_cpu_stop(cpu, frame, true);
	return true;
}

static s64 features(u64 fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF_FN:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

void psci_handle_smc(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 *x = frame->x;
	u64 fn = x[0] & 0xffffffff;

	switch (fn) {
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		/* Before ELR moves on: the report names the SMC itself. */
		if (foreign_target(cpu, frame, fn, x[1]))
			return;
		break;
	}
	/* The trap leaves ELR at the SMC itself: continue after it. */
	write_sysreg(read_sysreg(elr_el2) + 4, elr_el2);
	switch (fn) {
	case PSCI_VERSION:
		x[0] = PSCI_VERSION_1_0;
		break;
	case PSCI_CPU_OFF_FN:
		cpu_off(cpu, frame);
		break;
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		x[0] = cpu_on(cpu, x[1], x[2], x[3]);
		break;
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		x[0] = affinity_info(cpu, x[1], x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		x[0] = MIGRATE_NOT_REQUIRED;
		break;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		/* Only the root cell owns the machine. */
		if (cpu->cell != &root_cell) {
			x[0] = PSCI_DENIED;
			break;
		}
		printk("Bulkhead: cell \"%s\" asks for system %s\n",
		       cpu->cell->config->name,
		       fn == PSCI_SYSTEM_OFF ? "off" : "reset");
		x[0] = firmware_call(fn, 0, 0, 0);
		break;
	case PSCI_FEATURES:
		x[0] = features(x[1] & 0xffffffff);
		break;
	default:
		x[0] = PSCI_NOT_SUPPORTED;
		break;
	}
}
