// SPDX-License-Identifier: GPL-2.0
/*
 * The table of top-level commands. Each command lives in its own file.
 */
#include <stddef.h>

#include "cli.h"

const struct cli_command cli_commands[] = {
	{ "enable", "start the hypervisor with a system config (SYSTEM.cell)",
	  cmd_enable },
	{ "disable", "stop the hypervisor, Linux on bare metal again",
	  cmd_disable },
	{ "status", "show whether the driver and hypervisor are present",
	  cmd_status },
	{ "console", "print the hypervisor console (-f: follow)",
	  cmd_console },
	{ "cell", "create, load, start, shut down, destroy and list cells",
	  cmd_cell },
	{ "config", "check, compile, decompile and create cell configs",
	  cmd_config },
	{ "ivshmem", "the root cell's ivshmem link: info, state, doorbell, "
	  "wait, ping, jitter", cmd_ivshmem },
	{ NULL, NULL, NULL },
};
