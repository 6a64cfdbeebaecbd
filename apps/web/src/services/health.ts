import { ApiError, http } from './http';

/** Body of `GET /api/health`, sent with 200 when the database answers and 503 when it does not. */
export interface HealthReport {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  embedded: boolean;
  version: string;
}

export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  try {
    return await http.get<HealthReport>('/health', { signal });
  } catch (error) {
    // A 503 still carries the report: the API is up, its database is not.
    if (error instanceof ApiError && isHealthReport(error.payload)) return error.payload;
    throw error;
  }
}

function isHealthReport(value: unknown): value is HealthReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (report.status === 'ok' || report.status === 'error') && typeof report.version === 'string';
}
