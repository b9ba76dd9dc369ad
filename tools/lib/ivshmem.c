// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's ivshmem endpoints through their UIO devices (see
 * libbulkhead/ivshmem.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libbulkhead/ivshmem.h>
#include <libbulkhead/util.h>

#define UIO_CLASS	"/sys/class/uio"
#define UIO_NAME	"bulkhead-ivshmem"
#define MAP_REGS	0
#define MAP_TABLE	1
#define MAP_OUT		3

int bh_ivshmem_parse_bdf(const char *s)
{
	unsigned int dom, bus, dev, fn;
	int end = -1;

	if (sscanf(s, "%4x:%2x:%2x.%1u%n", &dom, &bus, &dev, &fn, &end) != 4 ||
	    (size_t)end != strlen(s)) {
		end = -1;
		if (sscanf(s, "%2x:%2x.%1u%n", &bus, &dev, &fn, &end) != 3 ||
		    (size_t)end != strlen(s))
			return -1;
	}
	if (dev > 31 || fn > 7 || strchr(s, ' ') || strchr(s, '-') ||
	    strchr(s, '+'))
		return -1;
	return (int)(bus << 8 | dev << 3 | fn);
}

/* Is uio entry name (uioN) one of ours? Fills d if so. */
static int describe(const char *class_dir, const char *name,
		    struct bh_ivshmem_dev *d)
{
	char path[PATH_MAX], line[64], link[PATH_MAX];
	const char *slash;
	ssize_t len;
	char *end;
	unsigned long n;

	if (strncmp(name, "uio", 3) || name[3] < '0' || name[3] > '9')
		return 0;
	n = strtoul(name + 3, &end, 10);
	if (*end || n > UINT_MAX)
		return 0;
	snprintf(path, sizeof(path), "%s/%s/name", class_dir, name);
	if (bh_read_line(path, line, sizeof(line)) || strcmp(line, UIO_NAME))
		return 0;
	memset(d, 0, sizeof(*d));
	d->uio = (unsigned int)n;
	snprintf(d->path, sizeof(d->path), "/dev/uio%u", d->uio);
	if ((size_t)snprintf(d->sysfs, sizeof(d->sysfs), "%s/%s", class_dir,
			     name) >= sizeof(d->sysfs))
		return 0;	/* a scratch tree too deep to name */
	/* "device" links to the PCI function: its name is the address. */
	snprintf(path, sizeof(path), "%s/%s/device", class_dir, name);
	len = readlink(path, link, sizeof(link) - 1);
	d->bdf = -1;
	if (len > 0) {
		link[len] = '\0';
		slash = strrchr(link, '/');
		slash = slash ? slash + 1 : link;
		/* Longer than any PCI address: not one, leave it unsaid. */
		if (strlen(slash) < sizeof(d->pci)) {
			memcpy(d->pci, slash, strlen(slash) + 1);
			d->bdf = bh_ivshmem_parse_bdf(d->pci);
		}
	}
	return 1;
}

static int by_uio(const void *a, const void *b)
{
	const struct bh_ivshmem_dev *x = a, *y = b;

	return x->uio < y->uio ? -1 : x->uio > y->uio;
}

int bh_ivshmem_list(const char *class_dir, struct bh_ivshmem_dev **out,
		    size_t *n)
{
	struct bh_ivshmem_dev *list = NULL, *grown, d;
	size_t count = 0;
	struct dirent *e;
	DIR *dir;

	if (!class_dir)
		class_dir = UIO_CLASS;
	*out = NULL;
	*n = 0;
	dir = opendir(class_dir);
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(dir))) {
		if (!describe(class_dir, e->d_name, &d))
			continue;
		grown = realloc(list, (count + 1) * sizeof(*list));
		if (!grown) {
			free(list);
			closedir(dir);
			return -ENOMEM;
		}
		list = grown;
		list[count++] = d;
	}
	closedir(dir);
	if (count)
		qsort(list, count, sizeof(*list), by_uio);
	*out = list;
	*n = count;
	return 0;
}

static int matches(const struct bh_ivshmem_dev *d, const char *spec)
{
	const char *name = strncmp(spec, "/dev/", 5) ? spec : spec + 5;
	char uio[16];

	snprintf(uio, sizeof(uio), "uio%u", d->uio);
	if (!strcmp(name, uio))
		return 1;
	/* A PCI address with its domain must match whole. */
	if (strlen(spec) > 8)
		return !strcmp(spec, d->pci);
	return d->bdf >= 0 && d->bdf == bh_ivshmem_parse_bdf(spec);
}

int bh_ivshmem_find(const char *class_dir, const char *spec,
		    struct bh_ivshmem_dev *out)
{
	struct bh_ivshmem_dev *list;
	size_t n, i;
	int err;

	if (spec && strncmp(spec, "/dev/uio", 8) && strncmp(spec, "uio", 3) &&
	    bh_ivshmem_parse_bdf(spec) < 0)
		return -EINVAL;
	err = bh_ivshmem_list(class_dir, &list, &n);
	if (err)
		return err;
	err = -ENODEV;
	for (i = 0; i < n && err; i++)
		if (!spec || matches(&list[i], spec)) {
			*out = list[i];
			err = 0;
		}
	free(list);
	return err;
}

size_t bh_ivshmem_map_size(const struct bh_ivshmem_dev *dev,
			   unsigned int map)
{
	char path[PATH_MAX], line[32];
	unsigned long long size;
	char *end;

	snprintf(path, sizeof(path), "%s/maps/map%u/size", dev->sysfs, map);
	if (bh_read_line(path, line, sizeof(line)))
		return 0;
	size = strtoull(line, &end, 16);
	return *end || size > SIZE_MAX ? 0 : (size_t)size;
}

/* Map n of the device (UIO: offset n pages selects map n). */
static void *map(const struct bh_ivshmem *l, unsigned int n, size_t size,
		 int prot)
{
	void *p = mmap(NULL, size, prot, MAP_SHARED, l->fd,
		       (off_t)n * getpagesize());

	return p == MAP_FAILED ? NULL : p;
}

int bh_ivshmem_open(const struct bh_ivshmem_dev *dev, unsigned int flags,
		    struct bh_ivshmem *l)
{
	int ro = flags & BH_IVSHMEM_RDONLY;
	int prot = PROT_READ | (ro ? 0 : PROT_WRITE);
	int err;

	memset(l, 0, sizeof(*l));
	l->dev = *dev;
	l->fd = open(dev->path, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (l->fd < 0)
		return -errno;
	l->table_size = bh_ivshmem_map_size(dev, MAP_TABLE);
	l->out_size = bh_ivshmem_map_size(dev, MAP_OUT);
	l->regs = map(l, MAP_REGS, BULKHEAD_IVSHMEM_REG_SIZE, prot);
	l->table = l->table_size ? map(l, MAP_TABLE, l->table_size,
				       PROT_READ) : NULL;
	l->out = l->out_size ? map(l, MAP_OUT, l->out_size, prot) : NULL;
	if (!l->regs || !l->table || (l->out_size && !l->out)) {
		err = l->table_size ? -errno : -ENODEV;
		bh_ivshmem_close(l);
		return err;
	}
	l->id = bh_ivshmem_reg_read(l, BULKHEAD_IVSHMEM_REG_ID);
	l->peers = bh_ivshmem_reg_read(l, BULKHEAD_IVSHMEM_REG_MAX_PEERS);
	if (l->peers && l->out_size % l->peers == 0)
		l->section_size = l->out_size / l->peers;
	return 0;
}

void bh_ivshmem_close(struct bh_ivshmem *l)
{
	if (l->regs)
		munmap((void *)l->regs, BULKHEAD_IVSHMEM_REG_SIZE);
	if (l->table)
		munmap((void *)l->table, l->table_size);
	if (l->out)
		munmap((void *)l->out, l->out_size);
	if (l->fd >= 0)
		close(l->fd);
	l->regs = NULL;
	l->table = NULL;
	l->out = NULL;
	l->fd = -1;
}

uint32_t bh_ivshmem_peer_state(const struct bh_ivshmem *l, unsigned int p)
{
	return p < l->peers && p < l->table_size / 4 ? l->table[p] : 0;
}

volatile void *bh_ivshmem_section(const struct bh_ivshmem *l,
				  unsigned int p)
{
	if (!l->out || !l->section_size || p >= l->peers)
		return NULL;
	return (volatile char *)l->out + (size_t)p * l->section_size;
}

int bh_ivshmem_wait(const struct bh_ivshmem *l, int timeout_ms,
		    uint32_t *count)
{
	struct pollfd p = { .fd = l->fd, .events = POLLIN };
	ssize_t n;
	int r = poll(&p, 1, timeout_ms);

	if (r < 0)
		return -errno;
	if (!r)
		return 0;
	/* UIO says POLLERR once the device is unregistered. */
	if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
		return -ENODEV;
	n = read(l->fd, count, sizeof(*count));
	if (n == sizeof(*count))
		return 1;
	return n < 0 && errno != EIO ? -errno : -ENODEV;
}
