const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids that can be no record (typed by hand) are answered "not found" without asking the API. */
export function isUuid(value: string | null | undefined): boolean {
  return typeof value === 'string' && UUID.test(value);
}
