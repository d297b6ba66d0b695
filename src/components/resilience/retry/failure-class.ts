/**
 * Why an attempt failed, as a retry policy sees it. Numbers, not strings, so hot paths pass
 * them without allocating.
 * - `transient`: a network or database blip; a later attempt may succeed.
 * - `permanent`: the input itself is bad (an expired promo failing validation); every
 *   attempt fails the same way, so retrying only wastes time.
 */
export const FailureClass = { transient: 0, permanent: 1 } as const;
export type FailureClass = (typeof FailureClass)[keyof typeof FailureClass];
