/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * ioctls of /dev/bulkhead. Every call that can fail for a reason a person
 * must read takes a reason buffer: on failure the driver writes a
 * NUL-terminated, one-line explanation there (never just "Invalid argument").
 */
#ifndef _BULKHEAD_IOCTL_H
#define _BULKHEAD_IOCTL_H

#include <bulkhead/types.h>

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

/* Bytes of reason text the driver writes at most (including the NUL). */
#define BULKHEAD_REASON_SIZE	256

struct bulkhead_reason {
	__u64 buf;		/* user pointer, may be 0 */
	__u32 size;		/* bytes at buf */
	__u32 reserved;		/* must be 0 */
};

struct bulkhead_enable {
	__u64 config;		/* user pointer to a struct bulkhead_system */
	__u64 config_size;	/* bytes at config */
	struct bulkhead_reason reason;
};

struct bulkhead_disable {
	struct bulkhead_reason reason;
};

#define BULKHEAD_IOCTL_MAGIC	0xb4

/*
 * Errors: EBUSY already enabled, EINVAL bad config, ENODEV no usable EL2,
 * ENOENT no hypervisor image, EIO a CPU did not enter; see the reason.
 */
#define BULKHEAD_ENABLE		_IOW(BULKHEAD_IOCTL_MAGIC, 0, struct bulkhead_enable)
/* Errors: EINVAL not enabled; see the reason. */
#define BULKHEAD_DISABLE	_IOW(BULKHEAD_IOCTL_MAGIC, 1, struct bulkhead_disable)

/* Cells. ids are the hypervisor's (1..). */
struct bulkhead_cell_create {
	__u64 config;		/* user pointer to a struct bulkhead_cell_desc */
	__u64 config_size;	/* bytes at config */
	__u32 id;		/* out: the new cell's id */
	__u32 reserved;		/* must be 0 */
	struct bulkhead_reason reason;
};

struct bulkhead_cell_load {
	__u32 id;
	__u32 reserved;		/* must be 0 */
	__u64 image;		/* user pointer */
	__u64 size;		/* bytes at image */
	__u64 address;		/* guest physical, inside a loadable region */
	struct bulkhead_reason reason;
};

/* bulkhead_cell_op.flags (shutdown) */
#define BULKHEAD_CELL_FORCE	0x1

struct bulkhead_cell_op {
	__u32 id;
	__u32 flags;
	struct bulkhead_reason reason;
};

/*
 * Errors: EINVAL bad config or arguments, EBUSY CPU/memory in use or the
 * cell is running (load) or denies shutdown, ENOENT no such cell, ENODEV
 * hypervisor not enabled; see the reason.
 */
#define BULKHEAD_CELL_CREATE	_IOWR(BULKHEAD_IOCTL_MAGIC, 0x10, struct bulkhead_cell_create)
#define BULKHEAD_CELL_LOAD	_IOW(BULKHEAD_IOCTL_MAGIC, 0x11, struct bulkhead_cell_load)
#define BULKHEAD_CELL_START	_IOW(BULKHEAD_IOCTL_MAGIC, 0x12, struct bulkhead_cell_op)
#define BULKHEAD_CELL_SHUTDOWN	_IOW(BULKHEAD_IOCTL_MAGIC, 0x13, struct bulkhead_cell_op)
#define BULKHEAD_CELL_DESTROY	_IOW(BULKHEAD_IOCTL_MAGIC, 0x14, struct bulkhead_cell_op)

#endif
