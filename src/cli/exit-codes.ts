/** Process exit codes, the contract in DESIGN.md. */
export const EXIT_OK = 0;
/** A check failed (sim check, sim plan without an answer). */
export const EXIT_CHECK_FAILED = 1;
/** Bad usage or input: one line on stderr, nothing written. */
export const EXIT_BAD_INPUT = 2;
/** A bug in sim itself. */
export const EXIT_INTERNAL = 3;
