/** The largest request body any service reads; larger ones answer 413 (see the contract). */
export const BODY_LIMIT_BYTES = 102_400;
