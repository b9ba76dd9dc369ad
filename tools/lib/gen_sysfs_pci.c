// SPDX-License-Identifier: GPL-2.0
/*
 * PCI functions of the live system from sysfs, for machines without
 * pciutils (the appliance): each /sys/bus/pci/devices/DDDD:BB:DD.F has
 * vendor, device, class (hex) and resource ("start end flags" per BAR).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>

#define IORESOURCE_IO	0x100	/* include/linux/ioport.h */

static bool read_hex(const char *dir, const char *name, const char *file,
		     unsigned long *v, struct bh_config_errors *errs)
{
	char path[512], buf[32], *end;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, file);
	f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof(buf), f)) {
		bh_config_error_add(errs, "", "sysfs-pci", "cannot read %s: %s",
				    path, strerror(errno));
		if (f)
			fclose(f);
		return false;
	}
	fclose(f);
	*v = strtoul(buf, &end, 16);
	if (end == buf || (*end && *end != '\n')) {
		bh_config_error_add(errs, "", "sysfs-pci", "%s: not a hex "
				    "number: \"%.20s\"", path, buf);
		return false;
	}
	return true;
}

static void read_bars(const char *dir, const char *name,
		      struct bh_pci_func *f)
{
	unsigned long long start, end, flags;
	char path[512];
	FILE *file;
	int i;

	snprintf(path, sizeof(path), "%s/%s/resource", dir, name);
	file = fopen(path, "r");
	if (!file)
		return;
	for (i = 0; i < BULKHEAD_PCI_NUM_BARS; i++) {
		if (fscanf(file, "%llx %llx %llx", &start, &end, &flags) != 3)
			break;
		if (!end)
			continue;
		f->bars[i].present = true;
		f->bars[i].address = start;
		f->bars[i].size = end - start + 1;
		f->bars[i].io = flags & IORESOURCE_IO;
	}
	fclose(file);
}

static int read_func(const char *dir, const char *name, struct bh_pci_func *f,
		     struct bh_config_errors *errs)
{
	unsigned int d, b, dev, fn;
	unsigned long vendor, device, class;

	if (sscanf(name, "%4x:%2x:%2x.%1u", &d, &b, &dev, &fn) != 4 ||
	    dev > 31 || fn > 7) {
		bh_config_error_add(errs, "", "sysfs-pci", "%s/%s: not a PCI "
				    "address DDDD:BB:DD.F", dir, name);
		return -EINVAL;
	}
	if (!read_hex(dir, name, "vendor", &vendor, errs) ||
	    !read_hex(dir, name, "device", &device, errs) ||
	    !read_hex(dir, name, "class", &class, errs))
		return -EINVAL;
	memset(f, 0, sizeof(*f));
	f->domain = d;
	f->bdf = b << 8 | dev << 3 | fn;
	f->vendor = vendor;
	f->device = device;
	f->class_code = class >> 8;
	f->have_ids = f->have_class = true;
	read_bars(dir, name, f);
	return 0;
}

static int by_address(const void *a, const void *b)
{
	const struct bh_pci_func *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain - y->domain;
	return x->bdf - y->bdf;
}

int bh_sysfs_pci_read(const char *dir, struct bh_pci_list *out,
		      struct bh_config_errors *errs)
{
	struct bh_pci_func *grown;
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (!d)
		return 0;
	while (!ret && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (out->count == out->capacity) {
			size_t cap = out->capacity ? out->capacity * 2 : 16;

			grown = realloc(out->list, cap * sizeof(*grown));
			if (!grown) {
				ret = -ENOMEM;
				break;
			}
			out->list = grown;
			out->capacity = cap;
		}
		ret = read_func(dir, de->d_name, &out->list[out->count], errs);
		if (!ret)
			out->count++;
	}
	closedir(d);
	if (ret)
		bh_pci_list_free(out);
	else if (out->count)
		qsort(out->list, out->count, sizeof(*out->list), by_address);
	return ret;
}
