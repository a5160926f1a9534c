import { coversSql, fallbackForSellerSql, managesSellerSql } from './approval-scope.sql';

/**
 * Who may act on or read a seller's contracts, as SQL over the users table (not the token's
 * claims, so a changed organisation or role applies at once). Arguments are SQL expressions.
 *
 * - admin: every contract;
 * - account_rep: the contracts of their organisation and the organisations below it (none without
 *   an organisation);
 * - sales_manager: the contracts they decide on (ApproverDirectory's decision rights: their
 *   organisation and below, as a delegate, as a fallback approver);
 * - integration: reads every contract, acts on none.
 * A user with several roles has the union.
 */

/** Whether `username` is an active user holding `role`. */
const holdsSql = (username: string, role: string, extra = 'true'): string =>
  `EXISTS (SELECT 1 FROM users me WHERE me.username = ${username} AND me.active AND '${role}' = ANY (me.roles) AND ${extra})`;

/** Whether the active sales manager `username` decides on `sellerDn`'s contracts at `at`. */
export const decidesSql = (username: string, sellerDn: string, at: string): string =>
  `(${holdsSql(username, 'sales_manager')} AND (${managesSellerSql(username, sellerDn, at)} OR ${fallbackForSellerSql(username, sellerDn)}))`;

/** Whether `username` is a representative of `sellerDn` (its organisation or an ancestor of it). */
export const representsSql = (username: string, sellerDn: string): string =>
  holdsSql(username, 'account_rep', `me.organization_dn IS NOT NULL AND ${coversSql('me.organization_dn', sellerDn)}`);

/** Whether `username` may act on contracts of `sellerDn` (the roles' own rules still apply on top). */
export const actsOnSql = (username: string, sellerDn: string, at: string): string =>
  `(${holdsSql(username, 'admin')} OR ${representsSql(username, sellerDn)} OR ${decidesSql(username, sellerDn, at)})`;

/** Whether `username` may read a contract of `sellerDn` owned by `owner`: who acts on it, its owner, integration. */
export const readsSql = (username: string, sellerDn: string, owner: string, at: string): string =>
  `(${owner} = ${username} OR ${holdsSql(username, 'integration')} OR ${actsOnSql(username, sellerDn, at)})`;
