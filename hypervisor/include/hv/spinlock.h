/* SPDX-License-Identifier: GPL-2.0 */
/* spinlock_t, spin_lock(), spin_unlock(): see the architecture's notes. */
#ifndef _HV_SPINLOCK_H
#define _HV_SPINLOCK_H

#include <arch/spinlock.h>

#endif
