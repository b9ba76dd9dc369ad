/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Board profiles for other resources (the generator saves its result as
 * one): the same validation, store call and event as POST /boards.
 */
#ifndef WEBD_BOARDS_H
#define WEBD_BOARDS_H

#include "http.h"
#include "store.h"

#define BOARD_NOTES_MAX	4096	/* bytes of a board's notes text */

/* 1-64 of A-Z a-z 0-9 . _ -, not starting with . or -. */
int boards_name_ok(const char *s);

/*
 * Validate body as a new board, store it (one transaction) and publish
 * board.created. 0 with the ETag in etag; -1 with the problem (422, 409,
 * 503) queued into *ret.
 */
int boards_add(struct http_request *req, json_t *body, char *etag,
	       enum MHD_Result *ret);

#endif
