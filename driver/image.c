// SPDX-License-Identifier: GPL-2.0
/* The hypervisor image: loaded as firmware, its header checked. */
#include "bulkhead.h"

#include <linux/firmware.h>
#include <linux/mm.h>

#include <bulkhead/version.h>

#define IMAGE_NAME	"bulkhead-arm64.bin"

static int check_header(const struct firmware *fw, struct bh_reason *r)
{
	const struct bulkhead_header *h = (const void *)fw->data;

	if (fw->size < sizeof(*h) ||
	    memcmp(h->signature, BULKHEAD_HEADER_SIGNATURE,
		   sizeof(h->signature)))
		return bh_fail(r, -EINVAL, "%s is not a Bulkhead image",
			       IMAGE_NAME);
	if (h->revision != BULKHEAD_HEADER_REVISION ||
	    h->arch != BULKHEAD_ARCH_ARM64)
		return bh_fail(r, -EINVAL,
			       "%s: header revision %u arch %u, want %u and %u",
			       IMAGE_NAME, h->revision, h->arch,
			       BULKHEAD_HEADER_REVISION, BULKHEAD_ARCH_ARM64);
	if (strncmp(h->version, BULKHEAD_VERSION, sizeof(h->version)))
		return bh_fail(r, -EINVAL,
			       "%s is version %.16s, the driver is %s",
			       IMAGE_NAME, h->version, BULKHEAD_VERSION);
	if (fw->size > h->image_size || h->image_size > h->core_size ||
	    !PAGE_ALIGNED(h->core_size) || h->entry >= fw->size ||
	    h->entry % SZ_2K)
		return bh_fail(r, -EINVAL,
			       "%s: inconsistent sizes (file %zu, image %llu, core %llu, entry 0x%llx)",
			       IMAGE_NAME, fw->size, h->image_size,
			       h->core_size, h->entry);
	if (h->max_cpus < nr_cpu_ids)
		return bh_fail(r, -EINVAL,
			       "%s handles %u CPUs, this machine may have %u",
			       IMAGE_NAME, h->max_cpus, nr_cpu_ids);
	return 0;
}

int bh_load_image(struct device *dev, const struct firmware **fw,
		  struct bh_reason *r)
{
	int err;

	err = request_firmware(fw, IMAGE_NAME, dev);
	if (err)
		return bh_fail(r, err, "cannot load /lib/firmware/%s (%d)",
			       IMAGE_NAME, err);
	err = check_header(*fw, r);
	if (err) {
		release_firmware(*fw);
		*fw = NULL;
	}
	return err;
}
