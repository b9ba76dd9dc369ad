/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One hypervisor console line and whom it belongs to: the ring tags every
 * line "[hv] " or "[cell:NAME] " (include/bulkhead/console.h). Lines that
 * carry no tag (the ring's oldest bytes after it wrapped may start in the
 * middle of a line) are kept as unattributed rather than guessed.
 */
#ifndef WEBD_CONSOLE_LINE_H
#define WEBD_CONSOLE_LINE_H

#include <stddef.h>

#define CONSOLE_CELL_NAME_MAX	32	/* incl. NUL, as in cell configs */

enum console_source { CONSOLE_UNTAGGED, CONSOLE_HV, CONSOLE_CELL };

struct console_line {
	enum console_source source;
	char cell[CONSOLE_CELL_NAME_MAX];	/* CONSOLE_CELL only */
	const char *text;	/* the line after its tag */
};

/* Split line (NUL-terminated, no newline) into tag and text. */
void console_line_parse(const char *line, struct console_line *out);

#endif
