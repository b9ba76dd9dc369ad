// SPDX-License-Identifier: GPL-2.0
/*
 * Cells through the driver: the ioctls, and the sysfs view for listing
 * and name lookup.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>
#include <libbulkhead/cell.h>
#include <libbulkhead/driver.h>
#include <libbulkhead/util.h>

/* One ioctl on a fresh descriptor; strerror when the driver said nothing. */
static int cell_ioctl(unsigned long cmd, void *arg,
		      struct bulkhead_reason *r, char *reason,
		      size_t reason_size)
{
	int fd, ret, err;

	r->buf = (uintptr_t)reason;
	r->size = reason_size > UINT32_MAX ? UINT32_MAX : (uint32_t)reason_size;
	r->reserved = 0;
	if (reason_size)
		reason[0] = '\0';
	fd = open(bh_driver_dev_path(), O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		if (reason_size)
			snprintf(reason, reason_size, "cannot open %s: %s",
				 bh_driver_dev_path(), strerror(-err));
		return err;
	}
	ret = ioctl(fd, cmd, arg);
	err = ret < 0 ? -errno : 0;
	close(fd);
	if (err && reason_size && !reason[0])
		snprintf(reason, reason_size, "%s", strerror(-err));
	return err;
}

int bh_cell_create(const void *config, size_t size, unsigned int *id,
		   char *reason, size_t reason_size)
{
	struct bulkhead_cell_create arg = {
		.config = (uintptr_t)config,
		.config_size = size,
	};
	int err = cell_ioctl(BULKHEAD_CELL_CREATE, &arg, &arg.reason, reason,
			     reason_size);

	if (!err)
		*id = arg.id;
	return err;
}

int bh_cell_load(unsigned int id, const void *image, size_t size,
		 uint64_t address, char *reason, size_t reason_size)
{
	struct bulkhead_cell_load arg = {
		.id = id,
		.image = (uintptr_t)image,
		.size = size,
		.address = address,
	};

	return cell_ioctl(BULKHEAD_CELL_LOAD, &arg, &arg.reason, reason,
			  reason_size);
}

static int cell_op(unsigned long cmd, unsigned int id, unsigned int flags,
		   char *reason, size_t reason_size)
{
	struct bulkhead_cell_op arg = { .id = id, .flags = flags };

	return cell_ioctl(cmd, &arg, &arg.reason, reason, reason_size);
}

int bh_cell_start(unsigned int id, char *reason, size_t reason_size)
{
	return cell_op(BULKHEAD_CELL_START, id, 0, reason, reason_size);
}

int bh_cell_shutdown(unsigned int id, int force, char *reason,
		     size_t reason_size)
{
	return cell_op(BULKHEAD_CELL_SHUTDOWN, id,
		       force ? BULKHEAD_CELL_FORCE : 0, reason, reason_size);
}

int bh_cell_destroy(unsigned int id, char *reason, size_t reason_size)
{
	return cell_op(BULKHEAD_CELL_DESTROY, id, 0, reason, reason_size);
}

static int read_attr(unsigned int id, const char *attr, char *buf,
		     size_t size)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/cells/%u/%s", bh_driver_sysfs_path(),
		 id, attr);
	return bh_read_line(path, buf, size);
}

int bh_cell_config(unsigned int id, void **data, size_t *size)
{
	char path[512], *buf;
	int err;

	snprintf(path, sizeof(path), "%s/cells/%u/config",
		 bh_driver_sysfs_path(), id);
	err = bh_read_file_max(path, BULKHEAD_CELL_CONFIG_MAX, &buf, size);
	if (!err)
		*data = buf;
	return err;
}

static int read_info(unsigned int id, struct bh_cell_info *info)
{
	int err;

	info->id = id;
	err = read_attr(id, "name", info->name, sizeof(info->name));
	if (!err)
		err = read_attr(id, "state", info->state, sizeof(info->state));
	if (!err)
		err = read_attr(id, "cpus", info->cpus, sizeof(info->cpus));
	return err;
}

static int by_id(const void *a, const void *b)
{
	const struct bh_cell_info *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int bh_cell_list(struct bh_cell_info **cells, size_t *count)
{
	struct bh_cell_info *list = NULL, *grown;
	char path[512], *end;
	struct dirent *de;
	size_t n = 0;
	unsigned long id;
	DIR *dir;
	int err = 0;

	snprintf(path, sizeof(path), "%s/cells", bh_driver_sysfs_path());
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		id = strtoul(de->d_name, &end, 10);
		if (de->d_name[0] < '0' || de->d_name[0] > '9' || *end)
			continue;
		grown = realloc(list, (n + 1) * sizeof(*list));
		if (!grown) {
			err = -ENOMEM;
			break;
		}
		list = grown;
		/* A cell destroyed meanwhile is simply not listed. */
		if (read_info((unsigned int)id, &list[n]) == 0)
			n++;
	}
	closedir(dir);
	if (err) {
		free(list);
		return err;
	}
	if (n)
		qsort(list, n, sizeof(*list), by_id);
	*cells = list;
	*count = n;
	return 0;
}

int bh_cell_find(const char *name_or_id, struct bh_cell_info *info)
{
	struct bh_cell_info *cells;
	size_t n, i;
	char *end;
	unsigned long id = strtoul(name_or_id, &end, 10);
	int err = bh_cell_list(&cells, &n);

	if (err)
		return err;
	err = -ENOENT;
	for (i = 0; i < n && err; i++)
		if (!strcmp(cells[i].name, name_or_id) ||
		    (*name_or_id && !*end && cells[i].id == id)) {
			*info = cells[i];
			err = 0;
		}
	free(cells);
	return err;
}
