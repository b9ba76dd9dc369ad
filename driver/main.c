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

#include <bulkhead/version.h>

static struct device *bulkhead_root;
static DEFINE_MUTEX(bulkhead_lock);
static bool bulkhead_enabled;

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(bulkhead_enabled));
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

static long bulkhead_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	/* The enable/disable and cell ioctls arrive with the hypervisor. */
	return -ENOIOCTLCMD;
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
	err = misc_register(&bulkhead_misc);
	if (err)
		goto err_groups;
	pr_info("bulkhead: driver %s loaded\n", BULKHEAD_VERSION);
	return 0;

err_groups:
	sysfs_remove_groups(&bulkhead_root->kobj, bulkhead_groups);
err_root:
	root_device_unregister(bulkhead_root);
	return err;
}

static void __exit bulkhead_exit(void)
{
	misc_deregister(&bulkhead_misc);
	sysfs_remove_groups(&bulkhead_root->kobj, bulkhead_groups);
	root_device_unregister(bulkhead_root);
}

module_init(bulkhead_init);
module_exit(bulkhead_exit);

MODULE_DESCRIPTION("Bulkhead static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(BULKHEAD_VERSION);
