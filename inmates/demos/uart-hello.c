// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The smallest inmate: greets on its UART.
 */
#include <inmate.h>

void inmate_main(void)
{
	console_puts("uart-hello: Hello from a Bulkhead cell\n");
}
