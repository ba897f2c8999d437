import type { HealthDto } from '@zhice/shared';
import { http } from './http';
import { ApiError } from './errors';

function isHealth(value: unknown): value is HealthDto {
  return typeof value === 'object' && value !== null && 'db' in value && 'queue' in value;
}

/** GET /health. A 503 still carries the health body; it is returned, not thrown. */
export async function getHealth(): Promise<HealthDto> {
  try {
    const res = await http.get<HealthDto>('/health');
    return res.data;
  } catch (e) {
    if (e instanceof ApiError && e.statusCode === 503 && isHealth(e.details)) return e.details;
    throw e;
  }
}
