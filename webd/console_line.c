// SPDX-License-Identifier: GPL-2.0
/* The tag of a hypervisor console line (see console_line.h). */
#include <string.h>

#include <bulkhead/console.h>

#include "console_line.h"

/* "[cell:NAME] ": NAME non-empty, no ']', fits a config's name. */
static int cell_tag(const char *line, struct console_line *out)
{
	const char *name = line + strlen(BULKHEAD_CONSOLE_CELL_TAG);
	const char *end = strchr(name, ']');
	size_t len;

	if (strncmp(line, BULKHEAD_CONSOLE_CELL_TAG,
		    strlen(BULKHEAD_CONSOLE_CELL_TAG)) || !end)
		return 0;
	len = (size_t)(end - name);
	if (!len || len >= sizeof(out->cell) || end[1] != ' ')
		return 0;
	memcpy(out->cell, name, len);
	out->cell[len] = '\0';
	out->text = end + 2;
	return 1;
}

void console_line_parse(const char *line, struct console_line *out)
{
	size_t hv = strlen(BULKHEAD_CONSOLE_HV_TAG);

	out->cell[0] = '\0';
	out->text = line;
	out->source = CONSOLE_UNTAGGED;
	if (!strncmp(line, BULKHEAD_CONSOLE_HV_TAG, hv)) {
		out->source = CONSOLE_HV;
		out->text = line + hv;
	} else if (cell_tag(line, out)) {
		out->source = CONSOLE_CELL;
	}
}
