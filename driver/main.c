// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: module entry, /dev/bulkhead and /sys/devices/bulkhead.
 */
#include "bulkhead.h"

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>

/* Larger configs are refused before copying them in. */
#define MAX_CONFIG_SIZE		(1024 * 1024)

struct device *bulkhead_root;
static DEFINE_MUTEX(bulkhead_lock);

void bh_lock(void)
{
	mutex_lock(&bulkhead_lock);
}

void bh_unlock(void)
{
	mutex_unlock(&bulkhead_lock);
}

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", bh_is_enabled());
}
static DEVICE_ATTR_RO(enabled);

static ssize_t version_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s\n", BULKHEAD_VERSION);
}
static DEVICE_ATTR_RO(version);

/* "USED TOTAL": page pool pages, as the hypervisor counts them. */
static ssize_t mem_pool_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	u64 used, total;
	int err;

	mutex_lock(&bulkhead_lock);
	err = bh_get_info(BULKHEAD_INFO_POOL_USED, 0, &used);
	if (!err)
		err = bh_get_info(BULKHEAD_INFO_POOL_PAGES, 0, &total);
	mutex_unlock(&bulkhead_lock);
	return err ? err : sysfs_emit(buf, "%llu %llu\n", used, total);
}
static DEVICE_ATTR_RO(mem_pool);

static const char *const exit_names[BULKHEAD_EXIT_REASONS] = {
	[BULKHEAD_EXIT_HVC] = "hvc",
	[BULKHEAD_EXIT_PSCI] = "psci",
	[BULKHEAD_EXIT_STAGE2_ABORT] = "stage2_abort",
	[BULKHEAD_EXIT_MMIO] = "mmio",
	[BULKHEAD_EXIT_IRQ] = "irq",
	[BULKHEAD_EXIT_SGI] = "sgi",
	[BULKHEAD_EXIT_MAINTENANCE] = "maintenance",
};

/*
 * Exits by reason since enable: a header line with the reasons, then one
 * line per CPU inside the hypervisor: "CPU COUNT COUNT ...".
 */
static ssize_t cpu_exits_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	unsigned int cpu, reason;
	ssize_t len;
	u64 count;
	int err = 0;

	len = sysfs_emit(buf, "cpu");
	for (reason = 0; reason < BULKHEAD_EXIT_REASONS; reason++)
		len += sysfs_emit_at(buf, len, " %s", exit_names[reason]);
	len += sysfs_emit_at(buf, len, "\n");
	mutex_lock(&bulkhead_lock);
	for_each_possible_cpu(cpu) {
		err = bh_get_info(BULKHEAD_INFO_CPU_EXITS, cpu << 8, &count);
		if (err == -ENOENT) {	/* never entered (maxcpus=, offline) */
			err = 0;
			continue;
		}
		if (err)
			break;
		len += sysfs_emit_at(buf, len, "%u %llu", cpu, count);
		for (reason = 1; reason < BULKHEAD_EXIT_REASONS && !err;
		     reason++) {
			err = bh_get_info(BULKHEAD_INFO_CPU_EXITS,
					  cpu << 8 | reason, &count);
			len += sysfs_emit_at(buf, len, " %llu", count);
		}
		len += sysfs_emit_at(buf, len, "\n");
		if (err)
			break;
	}
	mutex_unlock(&bulkhead_lock);
	return err ? err : len;
}
static DEVICE_ATTR_RO(cpu_exits);

static struct attribute *bulkhead_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_version.attr,
	&dev_attr_mem_pool.attr,
	&dev_attr_cpu_exits.attr,
	NULL,
};
ATTRIBUTE_GROUPS(bulkhead);

static void put_reason(const struct bulkhead_reason *ur,
		       const struct bh_reason *r)
{
	size_t n;

	if (!ur->buf || !ur->size)
		return;
	n = min_t(size_t, ur->size, strlen(r->msg) + 1);
	if (copy_to_user(u64_to_user_ptr(ur->buf), r->msg, n))
		return;
	if (n == ur->size)	/* cut short: still a string */
		put_user('\0', (char __user *)u64_to_user_ptr(ur->buf) + n - 1);
}

static long ioctl_enable(struct bulkhead_enable __user *uarg,
			 struct bh_reason *r)
{
	struct bulkhead_enable arg;
	void *config;
	long err;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reason.reserved)
		return bh_fail(r, -EINVAL, "reserved ioctl field set");
	if (arg.config_size > MAX_CONFIG_SIZE)
		err = bh_fail(r, -EINVAL,
			      "config of %llu bytes is larger than %u",
			      arg.config_size, MAX_CONFIG_SIZE);
	else if (arg.config_size < sizeof(struct bulkhead_system))
		err = bh_fail(r, -EINVAL,
			      "config truncated: %llu bytes, a system config has at least %zu",
			      arg.config_size, sizeof(struct bulkhead_system));
	else
		err = 0;
	if (err)
		goto out;
	config = vmemdup_user(u64_to_user_ptr(arg.config), arg.config_size);
	if (IS_ERR(config))
		return PTR_ERR(config);
	mutex_lock(&bulkhead_lock);
	err = bh_enable(config, arg.config_size, r);
	mutex_unlock(&bulkhead_lock);
	kvfree(config);
out:
	if (err)
		put_reason(&arg.reason, r);
	return err;
}

static long ioctl_disable(struct bulkhead_disable __user *uarg,
			  struct bh_reason *r)
{
	struct bulkhead_disable arg;
	long err;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	mutex_lock(&bulkhead_lock);
	err = bh_disable(r);
	mutex_unlock(&bulkhead_lock);
	if (err)
		put_reason(&arg.reason, r);
	return err;
}

/* Cell ioctls (cell.c) under the lock, the reason back to the caller. */
static long ioctl_cell(unsigned int cmd, unsigned long arg,
		       struct bh_reason *r)
{
	long off = bh_cell_reason_offset(cmd);
	struct bulkhead_reason ur;
	long err;

	if (off < 0)
		return -ENOIOCTLCMD;
	if (copy_from_user(&ur, (void __user *)(arg + off), sizeof(ur)))
		return -EFAULT;
	mutex_lock(&bulkhead_lock);
	err = bh_cell_ioctl(cmd, arg, r);
	mutex_unlock(&bulkhead_lock);
	if (err)
		put_reason(&ur, r);
	return err;
}

static long bulkhead_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct bh_reason *r;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	switch (cmd) {
	case BULKHEAD_ENABLE:
		err = ioctl_enable((void __user *)arg, r);
		if (!err)	/* webd waits on it with POLLPRI */
			sysfs_notify(&bulkhead_root->kobj, NULL, "enabled");
		break;
	case BULKHEAD_DISABLE:
		err = ioctl_disable((void __user *)arg, r);
		if (!err)
			sysfs_notify(&bulkhead_root->kobj, NULL, "enabled");
		break;
	default:
		err = ioctl_cell(cmd, arg, r);
		break;
	}
	kfree(r);
	return err;
}

static int bulkhead_open(struct inode *inode, struct file *file)
{
	return bh_console_open(file);
}

static int bulkhead_release(struct inode *inode, struct file *file)
{
	bh_console_release(file);
	return 0;
}

/* Reading /dev/bulkhead reads the hypervisor console (console.c). */
static ssize_t bulkhead_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	return bh_console_read(file, buf, count);
}

/* Writing prints on the hypervisor console as the root cell. */
static ssize_t bulkhead_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	ssize_t ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	mutex_lock(&bulkhead_lock);
	ret = bh_console_write(buf, count);
	mutex_unlock(&bulkhead_lock);
	return ret;
}

static const struct file_operations bulkhead_fops = {
	.owner = THIS_MODULE,
	.open = bulkhead_open,
	.release = bulkhead_release,
	.read = bulkhead_read,
	.write = bulkhead_write,
	.poll = bh_console_poll,
	.unlocked_ioctl = bulkhead_ioctl,
	.compat_ioctl = bulkhead_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice bulkhead_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bulkhead_fops,
};

static int __init bulkhead_init(void)
{
	int err;

	bulkhead_root = root_device_register("bulkhead");
	if (IS_ERR(bulkhead_root))
		return PTR_ERR(bulkhead_root);
	err = sysfs_create_groups(&bulkhead_root->kobj, bulkhead_groups);
	if (err)
		goto err_root;
	err = bh_cells_init();
	if (err)
		goto err_groups;
	err = bh_ivshmem_init();
	if (err)
		goto err_cells;
	err = misc_register(&bulkhead_misc);
	if (err)
		goto err_ivshmem;
	pr_info("driver %s loaded\n", BULKHEAD_VERSION);
	return 0;

err_ivshmem:
	bh_ivshmem_exit();
err_cells:
	bh_cells_exit();
err_groups:
	sysfs_remove_groups(&bulkhead_root->kobj, bulkhead_groups);
err_root:
	root_device_unregister(bulkhead_root);
	return err;
}

static void __exit bulkhead_exit(void)
{
	misc_deregister(&bulkhead_misc);
	bh_ivshmem_exit();
	bh_cells_exit();
	sysfs_remove_groups(&bulkhead_root->kobj, bulkhead_groups);
	root_device_unregister(bulkhead_root);
}

module_init(bulkhead_init);
module_exit(bulkhead_exit);

MODULE_DESCRIPTION("Bulkhead static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(BULKHEAD_VERSION);
