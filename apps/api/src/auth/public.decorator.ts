import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'pactum:isPublic';
/** Marks a route that needs no bearer token (token issue, health, metrics, docs, pages). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
