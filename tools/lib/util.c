// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
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
