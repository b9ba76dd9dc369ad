// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The EL1 virtual timer (CNTV_*, PPI 27): the timer a cell owns outright
 * (the hypervisor keeps the EL2 timer), and bare metal the same registers
 * with a zero offset, so one inmate measures the same thing in both.
 */
#include <inmate.h>

#define CNTV_CTL_ENABLE		(1U << 0)
#define CNTV_CTL_IMASK		(1U << 1)
#define NSEC_PER_SEC		1000000000ULL

__u64 timer_frequency(void)
{
	return read_sysreg(cntfrq_el0);
}

/* Fire (level, until re-armed or disarmed) once CNTVCT >= deadline. */
void timer_arm_deadline(__u64 deadline_ticks)
{
	write_sysreg(deadline_ticks, cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

void timer_disarm(void)
{
	write_sysreg(CNTV_CTL_IMASK, cntv_ctl_el0);
	isb();
}

/* Split in whole seconds and the rest: no 64-bit overflow for any value. */
static __u64 scale(__u64 val, __u64 mul, __u64 div)
{
	return (val / div) * mul + (val % div) * mul / div;
}

__u64 timer_ticks_to_ns(__u64 ticks)
{
	return scale(ticks, NSEC_PER_SEC, timer_frequency());
}

__u64 timer_ns_to_ticks(__u64 ns)
{
	return scale(ns, timer_frequency(), NSEC_PER_SEC);
}

/*
 * Busy delay without the timer interrupt, so it never competes with a
 * demo's own use of CNTV; yield keeps it friendly to QEMU and SMT.
 */
void delay_us(__u64 us)
{
	__u64 end = timer_ticks() + timer_ns_to_ticks(us * 1000);

	while (timer_ticks() < end)
		cpu_relax();
}
