import { SortedPageQuery } from '../../../common/list-query.js';
import { OUTBOX_SORT } from '../domain/list-sorts.js';

export class ListOutboxQueryDto extends SortedPageQuery(OUTBOX_SORT) {}
