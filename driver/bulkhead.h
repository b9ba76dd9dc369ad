/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bulkhead driver: declarations shared between the driver's files.
 * Included first by every driver file (it sets pr_fmt).
 */
#ifndef _BULKHEAD_DRIVER_H
#define _BULKHEAD_DRIVER_H

#define pr_fmt(fmt) "bulkhead: " fmt

#include <linux/kernel.h>
#include <linux/types.h>

#include <bulkhead/config.h>
#include <bulkhead/header.h>
#include <bulkhead/ioctl.h>

struct device;
struct firmware;

/* Why an operation failed, in words, for the caller (ioctl.h). */
struct bh_reason {
	char msg[BULKHEAD_REASON_SIZE];
};

/* Record the reason (also logged) and return err. */
__printf(3, 4)
int bh_fail(struct bh_reason *r, int err, const char *fmt, ...);

/* config_check.c */
int bh_check_system_config(const struct bulkhead_system *sys, size_t size,
			   struct bh_reason *r);

/* el2.c: the kernel's hyp stub and our hypercalls */

/* A number no stub call uses, so the stub answers BULKHEAD_STUB_ERR. */
#define BH_STUB_PROBE_CALL	0x4248UL

int bh_el2_check(struct bh_reason *r);
int bh_stub_vectors_pa(phys_addr_t *pa, struct bh_reason *r);
unsigned long bh_stub_hvc(unsigned long call, unsigned long arg);
struct bh_hvc_result {
	long code;
	unsigned long value;
};
struct bh_hvc_result bh_hypercall(unsigned long call, unsigned long arg1,
				  unsigned long arg2);

/* image.c */
int bh_load_image(struct device *dev, const struct firmware **fw,
		  struct bh_reason *r);

/* hypervisor.c */
int bh_enable(const struct bulkhead_system *sys, size_t size,
	      struct bh_reason *r);
int bh_disable(struct bh_reason *r);
bool bh_is_enabled(void);
/*
 * BULKHEAD_HC_GET_INFO on the calling CPU; the caller holds the lock that
 * serialises enable/disable. -ENODEV when not enabled.
 */
int bh_get_info(unsigned long item, unsigned long arg, u64 *value);

/* console.c: the hypervisor's console ring behind /dev/bulkhead */
struct file;
struct poll_table_struct;
int bh_console_attach(void);
void bh_console_detach(void);
int bh_console_open(struct file *file);
void bh_console_release(struct file *file);
ssize_t bh_console_read(struct file *file, char __user *ubuf, size_t count);
__poll_t bh_console_poll(struct file *file, struct poll_table_struct *wait);
ssize_t bh_console_write(const char __user *ubuf, size_t count);
/*
 * The hypervisor explains a refusal on its console only: mark the ring
 * before a hypercall, then find the last line since the mark that starts
 * with prefix (copied without prefix and newline into buf).
 */
u64 bh_console_mark(void);
bool bh_console_find_since(u64 mark, const char *prefix, char *buf,
			   size_t len);

/* main.c: the lock that serialises everything that talks to EL2 */
void bh_lock(void);
void bh_unlock(void);

/* cell.c */
int bh_cells_init(void);
void bh_cells_exit(void);
bool bh_cells_exist(void);
int bh_cell_ioctl(unsigned int cmd, unsigned long arg, struct bh_reason *r);
long bh_cell_reason_offset(unsigned int cmd);

/* vpci.c: the virtual PCI host while the hypervisor runs */
int bh_vpci_attach(const struct bulkhead_system *sys);
void bh_vpci_detach(void);
/* After detach, when disable failed: the same host again. */
void bh_vpci_reattach(void);

/* ivshmem.c: the UIO driver for ivshmem endpoints */
int bh_ivshmem_init(void);
void bh_ivshmem_exit(void);

extern struct device *bulkhead_root;

#endif
