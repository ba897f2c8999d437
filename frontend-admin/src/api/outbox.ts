import type { OutboxMailDto, Paged } from '@zhice/shared';
import { http } from './http';

export async function listOutbox(query: { page: number; pageSize: number }): Promise<Paged<OutboxMailDto>> {
  const res = await http.get<Paged<OutboxMailDto>>('/admin/outbox', { params: query });
  return res.data;
}
