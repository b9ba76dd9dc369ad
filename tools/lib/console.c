// SPDX-License-Identifier: GPL-2.0
/* Reading the hypervisor console through /dev/bulkhead. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <libbulkhead/console.h>
#include <libbulkhead/driver.h>

int bh_console_open(bool follow)
{
	int flags = O_RDONLY | O_CLOEXEC | (follow ? 0 : O_NONBLOCK);
	int fd = open(bh_driver_dev_path(), flags);

	return fd < 0 ? -errno : fd;
}

ssize_t bh_console_read(int fd, char *buf, size_t len)
{
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return n ? n : -EAGAIN;
}
