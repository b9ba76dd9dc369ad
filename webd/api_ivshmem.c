// SPDX-License-Identifier: GPL-2.0
/*
 * /api/v1/ivshmem: the root cell's ivshmem endpoints and, for each other
 * peer on the link, its state, the cell it is (cell_of_peer: the cell
 * whose running config has that endpoint, never guessed) and the
 * protocol its state announces. The endpoints and state tables come from
 * the shared-memory jitter source, which keeps the devices open
 * (jitter_shm_links says why it is the one reader).
 */
#include <stdio.h>
#include <stdlib.h>

#include <bulkhead/jitter.h>

#include "cell_request.h"
#include "cell_view.h"
#include "jitter_shm.h"
#include "routes.h"

/* What a peer's state says it runs; JSON null for 0 (nothing there). */
static json_t *protocol(uint32_t state)
{
	switch (state) {
	case 0:
		return json_null();
	case BULKHEAD_JITTER_STATE:
		return json_string("jitter");
	case BULKHEAD_IVSHMEM_DEMO_READY:
		return json_string("ivshmem-demo");
	default:
		return json_string("unknown");
	}
}

static json_t *peer_json(const struct jitter_shm_link *k, unsigned int p)
{
	struct cells_entry e;
	json_t *cell = json_null();

	if (!cell_of_peer(k->dev.bdf, p, &e, NULL))
		cell = json_pack("{s:i, s:s}", "id", (int)e.info.id, "name",
				 e.info.name);
	return json_pack("{s:i, s:I, s:o, s:o}", "peer", (int)p, "state",
			 (json_int_t)k->state[p], "cell", cell, "protocol",
			 protocol(k->state[p]));
}

static json_t *link_json(const struct jitter_shm_link *k)
{
	json_t *peers = json_array(), *bdf = json_null();
	char text[16];
	unsigned int p;

	if (k->dev.bdf >= 0) {
		snprintf(text, sizeof(text), "%02x:%02x.%x",
			 (unsigned int)k->dev.bdf >> 8,
			 ((unsigned int)k->dev.bdf >> 3) & 0x1f,
			 (unsigned int)k->dev.bdf & 7);
		bdf = json_string(text);
	}
	for (p = 0; p < k->peers; p++)
		if (p != k->id)
			json_array_append_new(peers, peer_json(k, p));
	return json_pack("{s:s?, s:o, s:s, s:i, s:i, s:I, s:o}",
			 "pci", k->dev.pci[0] ? k->dev.pci : NULL, "bdf", bdf,
			 "uio", k->dev.path, "id", (int)k->id, "peers",
			 (int)k->peers, "state",
			 (json_int_t)(k->id < k->peers ? k->state[k->id] : 0),
			 "peers_state", peers);
}

static int by_uio(const void *a, const void *b)
{
	const struct jitter_shm_link *x = a, *y = b;

	return (x->dev.uio > y->dev.uio) - (x->dev.uio < y->dev.uio);
}

enum MHD_Result api_ivshmem_list(struct http_request *req)
{
	struct jitter_shm_link links[JITTER_SHM_DEVICES_MAX];
	json_t *devices;
	enum MHD_Result ret;
	size_t n, i;

	if (cell_request_needs_enabled(req, &ret))
		return ret;
	n = jitter_shm_links(links, JITTER_SHM_DEVICES_MAX);
	qsort(links, n, sizeof(links[0]), by_uio);
	devices = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(devices, link_json(&links[i]));
	return http_json(req, MHD_HTTP_OK, json_pack("{s:o}", "devices",
						     devices));
}
