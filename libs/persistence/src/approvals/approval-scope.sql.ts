/**
 * SQL fragments for "who decides on a seller's contracts", shared by the approver directory and the
 * inbox so that routing, the inbox and the approve check cannot drift apart. Arguments are SQL
 * expressions (parameters such as `$1`, or columns).
 */

/** Whether organisation `orgDn` (NULL: every organisation) is `sellerDn` or one of its ancestors. */
export const coversSql = (orgDn: string, sellerDn: string): string =>
  `(${orgDn} IS NULL OR ${sellerDn} = ${orgDn} OR right(${sellerDn}, length(${orgDn}) + 1) = ',' || ${orgDn})`;

/** Whether the approval delegation row `ad` runs at `at`. */
export const delegationRunsSql = (ad: string, at: string): string =>
  `${ad}.revoked_at IS NULL AND ${ad}.starts_at <= ${at} AND ${ad}.ends_at > ${at}`;

/**
 * Whether `manager` decides for `sellerDn` as an active sales manager of it (or an ancestor), or as
 * the delegate of such a manager while the delegation runs at `at`.
 */
export const managesSellerSql = (manager: string, sellerDn: string, at: string): string =>
  `EXISTS (SELECT 1 FROM users u
            WHERE u.active AND 'sales_manager' = ANY (u.roles) AND ${coversSql('u.organization_dn', sellerDn)}
              AND (u.username = ${manager} OR u.username IN (
                SELECT ad.delegator FROM approval_delegations ad WHERE ad.delegate = ${manager} AND ${delegationRunsSql('ad', at)})))`;

/** Whether `manager` is the fallback approver of `sellerDn` or of an ancestor. */
export const fallbackForSellerSql = (manager: string, sellerDn: string): string =>
  `EXISTS (SELECT 1 FROM organizations fo WHERE fo.fallback_approver = ${manager} AND ${coversSql('fo.dn', sellerDn)})`;
