// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: module entry, /dev/bulkhead and /sys/devices/bulkhead.
 */
#include "bulkhead.h"

#include <linux/cpuhotplug.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <bulkhead/version.h>

/* Larger configs are refused before copying them in. */
#define MAX_CONFIG_SIZE		(1024 * 1024)

struct device *bulkhead_root;
static DEFINE_MUTEX(bulkhead_lock);
static enum cpuhp_state bulkhead_cpuhp;

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

static struct attribute *bulkhead_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_version.attr,
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
		break;
	case BULKHEAD_DISABLE:
		err = ioctl_disable((void __user *)arg, r);
		break;
	default:
		err = -ENOIOCTLCMD;
		break;
	}
	kfree(r);
	return err;
}

/*
 * A CPU that goes offline and comes back re-enters the kernel's EL2 setup
 * and loses the hypervisor. Until CPU_ON is emulated, hotplug is refused
 * while the hypervisor is enabled.
 */
static int bulkhead_cpu_change(unsigned int cpu)
{
	if (!bh_is_enabled())
		return 0;
	pr_warn("CPU %u hotplug refused while the hypervisor is enabled\n",
		cpu);
	return -EBUSY;
}

static const struct file_operations bulkhead_fops = {
	.owner = THIS_MODULE,
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
	err = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "bulkhead:online",
					bulkhead_cpu_change,
					bulkhead_cpu_change);
	if (err < 0)
		goto err_groups;
	bulkhead_cpuhp = err;
	err = misc_register(&bulkhead_misc);
	if (err)
		goto err_cpuhp;
	pr_info("driver %s loaded\n", BULKHEAD_VERSION);
	return 0;

err_cpuhp:
	cpuhp_remove_state_nocalls(bulkhead_cpuhp);
err_groups:
	sysfs_remove_groups(&bulkhead_root->kobj, bulkhead_groups);
err_root:
	root_device_unregister(bulkhead_root);
	return err;
}

static void __exit bulkhead_exit(void)
{
	misc_deregister(&bulkhead_misc);
	cpuhp_remove_state_nocalls(bulkhead_cpuhp);
	sysfs_remove_groups(&bulkhead_root->kobj, bulkhead_groups);
	root_device_unregister(bulkhead_root);
}

module_init(bulkhead_init);
module_exit(bulkhead_exit);

MODULE_DESCRIPTION("Bulkhead static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(BULKHEAD_VERSION);
