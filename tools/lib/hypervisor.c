// SPDX-License-Identifier: GPL-2.0
/*
 * Enabling and disabling the hypervisor through /dev/bulkhead. Failures
 * come back as a negative errno plus the driver's reason in words.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <bulkhead/ioctl.h>
#include <libbulkhead/driver.h>
#include <libbulkhead/hypervisor.h>

static int open_device(char *reason, size_t reason_size)
{
	int fd = open(bh_driver_dev_path(), O_RDWR | O_CLOEXEC);

	if (fd < 0 && reason_size)
		snprintf(reason, reason_size, "cannot open %s: %s%s",
			 bh_driver_dev_path(), strerror(errno),
			 errno == ENOENT ? " (is bulkhead.ko loaded?)" : "");
	return fd < 0 ? -errno : fd;
}

static void set_reason_buffer(struct bulkhead_reason *r, char *buf,
			      size_t size)
{
	r->buf = (uintptr_t)buf;
	r->size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	r->reserved = 0;
	if (size)
		buf[0] = '\0';
}

/* Fills in strerror when the driver gave no reason of its own. */
static int finish(int fd, int ret, char *reason, size_t reason_size)
{
	int err = ret < 0 ? -errno : 0;

	close(fd);
	if (err && reason_size && !reason[0])
		snprintf(reason, reason_size, "%s", strerror(-err));
	return err;
}

int bh_enable(const void *config, size_t size, char *reason,
	      size_t reason_size)
{
	struct bulkhead_enable arg = {
		.config = (uintptr_t)config,
		.config_size = size,
	};
	int fd = open_device(reason, reason_size);

	if (fd < 0)
		return fd;
	set_reason_buffer(&arg.reason, reason, reason_size);
	return finish(fd, ioctl(fd, BULKHEAD_ENABLE, &arg), reason,
		      reason_size);
}

int bh_disable(char *reason, size_t reason_size)
{
	struct bulkhead_disable arg;
	int fd = open_device(reason, reason_size);

	if (fd < 0)
		return fd;
	set_reason_buffer(&arg.reason, reason, reason_size);
	return finish(fd, ioctl(fd, BULKHEAD_DISABLE, &arg), reason,
		      reason_size);
}
