// SPDX-License-Identifier: GPL-2.0
/*
 * Getting to EL2: is it there, the kernel's hyp-stub calls, and our
 * hypercalls.
 *
 * Before the first hvc we must know EL2 will answer it: on a CPU without
 * EL2 an hvc is UNDEFINED and the kernel would oops. The kernel's own
 * answer (is_hyp_mode_available(), __boot_cpu_mode) is not reachable from
 * a module, so every online CPU is checked for:
 *   1. ID_AA64PFR0_EL1.EL2 != 0: EL2 is implemented, so hvc is defined
 *      (only an EL2 owner setting HCR_EL2.HCD could make it undefined, and
 *      the kernel's stub does not);
 *   2. the kernel is not running at EL2 itself (VHE): then EL2 is Linux's;
 *   3. the stub answers an unknown call with its error value 0xbadca11.
 *      Another EL2 owner (KVM's host vectors after init, a firmware
 *      hypervisor whose hvc is SMCCC) answers differently and is refused.
 * Residual risk: an EL2 firmware that makes hvc undefined for a kernel
 * booted at EL1; none is known on the supported platforms.
 */
#include "bulkhead.h"

#include <linux/cpu.h>
#include <linux/kprobes.h>
#include <linux/smp.h>
#include <asm/cpufeature.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

#include <bulkhead/hypercall.h>

/* x0-x18 may be changed at EL2 (asm/virt.h); x18 only by the stub. */
#define EL2_CLOBBERS "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", \
	"x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory"

unsigned long bh_stub_hvc(unsigned long call, unsigned long arg)
{
	register unsigned long x0 asm("x0") = call;
	register unsigned long x1 asm("x1") = arg;

	asm volatile("hvc #0" : "+r" (x0), "+r" (x1) : : EL2_CLOBBERS);
	return x0;
}

struct bh_hvc_result bh_hypercall(unsigned long call, unsigned long arg1,
				  unsigned long arg2)
{
	register unsigned long x0 asm("x0") = call;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;
	struct bh_hvc_result res;

	asm volatile("hvc #" __stringify(BULKHEAD_HVC_IMM)
		     : "+r" (x0), "+r" (x1), "+r" (x2)
		     : : "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
		       "x11", "x12", "x13", "x14", "x15", "x16", "x17",
		       "memory");
	res.code = (long)x0;
	res.value = x1;
	return res;
}

enum el2_verdict {
	EL2_OK,
	EL2_NOT_IMPLEMENTED,
	EL2_STUB_SILENT,
};

struct el2_probe {
	enum el2_verdict verdict;
	unsigned long answer;
	unsigned int cpu;
};

static void el2_probe_cpu(void *data)
{
	struct el2_probe *p = data;
	u64 pfr0 = read_sysreg_s(SYS_ID_AA64PFR0_EL1);
	unsigned long answer;

	if (p->verdict != EL2_OK)
		return;
	if (!cpuid_feature_extract_unsigned_field(pfr0,
						  ID_AA64PFR0_EL1_EL2_SHIFT)) {
		p->verdict = EL2_NOT_IMPLEMENTED;
		p->cpu = smp_processor_id();
		return;
	}
	answer = bh_stub_hvc(BH_STUB_PROBE_CALL, 0);
	if (answer != BULKHEAD_STUB_ERR) {
		p->verdict = EL2_STUB_SILENT;
		p->answer = answer;
		p->cpu = smp_processor_id();
	}
}

/* Caller holds cpus_read_lock(). */
int bh_el2_check(struct bh_reason *r)
{
	struct el2_probe p = { .verdict = EL2_OK };
	unsigned int cpu;

	if (is_kernel_in_hyp_mode())
		return bh_fail(r, -ENODEV,
			       "Linux runs at EL2 (VHE) and owns it; boot with a non-VHE configuration");
	/* One CPU at a time: the first failure stops further hvcs. */
	for_each_online_cpu(cpu)
		smp_call_function_single(cpu, el2_probe_cpu, &p, 1);
	switch (p.verdict) {
	case EL2_NOT_IMPLEMENTED:
		return bh_fail(r, -ENODEV, "CPU %u has no EL2", p.cpu);
	case EL2_STUB_SILENT:
		return bh_fail(r, -ENODEV,
			       "CPU %u: EL2 is not the kernel's hyp stub (probe answered 0x%lx); was the kernel booted at EL2 with kvm-arm.mode=none?",
			       p.cpu, p.answer);
	case EL2_OK:
		break;
	}
	return 0;
}

/*
 * __hyp_stub_vectors is not exported; kallsyms_lookup_name is not either,
 * but a kprobe on it yields its address. Resolved once.
 */
static unsigned long lookup_symbol(const char *name)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*lookup)(const char *name);

	if (register_kprobe(&kp) < 0)
		return 0;
	lookup = (void *)kp.addr;
	unregister_kprobe(&kp);
	return lookup ? lookup(name) : 0;
}

int bh_stub_vectors_pa(phys_addr_t *pa, struct bh_reason *r)
{
	static unsigned long stub;

	if (!stub)
		stub = lookup_symbol("__hyp_stub_vectors");
	if (!stub)
		return bh_fail(r, -ENOENT,
			       "cannot find the kernel's __hyp_stub_vectors (kprobes and kallsyms needed)");
	*pa = __pa_symbol(stub);
	if (*pa % SZ_2K)
		return bh_fail(r, -EINVAL,
			       "__hyp_stub_vectors at %pa is not 2 KiB aligned",
			       pa);
	return 0;
}
