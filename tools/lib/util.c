// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/util.h>

int bh_read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	size_t len;
	int err = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)size, f)) {
		err = ferror(f) ? -EIO : -ENODATA;
	} else {
		len = strlen(buf);
		if (len && buf[len - 1] == '\n') {
			buf[len - 1] = '\0';
		} else {
			/* A full buffer is fine only if the line ends here. */
			int next = fgetc(f);

			if (next != '\n' && next != EOF)
				err = -EOVERFLOW;
		}
	}
	fclose(f);
	return err;
}

int bh_read_file_max(const char *path, size_t max, char **data,
		     size_t *size)
{
	FILE *f = fopen(path, "rbe");
	size_t cap = 4096, n = 0, got;
	char *buf = NULL, *grown;
	int err = 0;

	if (!f)
		return -errno;
	do {
		if (!buf || n + 1 >= cap) {
			if (buf)
				cap *= 2;
			grown = realloc(buf, cap);
			if (!grown) {
				err = -ENOMEM;
				break;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max)
			err = -EFBIG;
	} while (got && !err);
	if (!err && ferror(f))
		err = -EIO;
	fclose(f);
	if (err) {
		free(buf);
		return err;
	}
	buf[n] = '\0';
	*data = buf;
	*size = n;
	return 0;
}

char *bh_read_file(const char *path, size_t *len)
{
	size_t n;
	char *buf;
	int err = bh_read_file_max(path, SIZE_MAX - 1, &buf, &n);

	if (err) {
		errno = -err;
		return NULL;
	}
	if (len)
		*len = n;
	return buf;
}
