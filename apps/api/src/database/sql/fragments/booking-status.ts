/** The holding statuses: a pending or confirmed booking holds its (buffered) time. */
export const HOLDING_STATUSES = `('pending', 'confirmed')`;
