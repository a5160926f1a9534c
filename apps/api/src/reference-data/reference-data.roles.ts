import type { Role } from '@pactum/domain';

/** Everyone who works with contracts reads reference data; integrations and admins maintain it. */
export const REFERENCE_READERS: Role[] = ['account_rep', 'sales_manager', 'integration', 'order_service', 'admin'];
export const REFERENCE_WRITERS: Role[] = ['integration', 'admin'];
