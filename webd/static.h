/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Static files of the dashboard (webui/), served without authentication:
 * the UI holds no secrets, every API call it makes carries the token.
 * "/" is index.html; "/ui/FILE" and "/ui/DIR/FILE" are the rest. Every
 * response carries a strict Content-Security-Policy.
 */
#ifndef WEBD_STATIC_H
#define WEBD_STATIC_H

#define WEBD_DEFAULT_WEBUI	"/usr/share/bulkhead/webui"

/* Open the directory; if it is missing, log it and answer 404 later. */
void static_init(const char *dir);
void static_free(void);

#endif
