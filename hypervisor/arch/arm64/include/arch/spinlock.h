/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket lock: fair, and every spin executes "yield" so QEMU (TCG, icount)
 * switches to the vCPU that holds the lock. Exclusives need Normal memory:
 * only use a lock once this CPU's MMU is on.
 */
#ifndef _ARCH_SPINLOCK_H
#define _ARCH_SPINLOCK_H

#include <hv/types.h>

/* Aligned for the 32-bit exclusive access to both halves. */
typedef struct {
	u16 owner;	/* ticket being served (low half: little-endian) */
	u16 next;	/* next ticket to hand out */
} __attribute__((aligned(4))) spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	u32 old, new, fail;

	/* Take a ticket: next += 1, atomically, acquire. */
	asm volatile(
	"1:	ldaxr	%w0, [%3]\n"
	"	add	%w1, %w0, #0x10000\n"
	"	stxr	%w2, %w1, [%3]\n"
	"	cbnz	%w2, 1b\n"
	: "=&r" (old), "=&r" (new), "=&r" (fail)
	: "r" (lock) : "memory");
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) !=
	       (u16)(old >> 16))
		asm volatile("yield" : : : "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, (u16)(lock->owner + 1),
			 __ATOMIC_RELEASE);
}

#endif
