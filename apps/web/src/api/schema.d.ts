// Generated from the API's OpenAPI document by `npm run web:client`: do not edit.

export interface paths {
    "/api/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The business accounts of the sellers the caller acts for, each with the organisations (its holder and every organisation below it) and member groups a contract of the account can name as buyers */
        get: operations["AccountsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The seller organisations (selling through an account, or with users) and their approval settings */
        get: operations["AdminOrganizationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/organizations/{dn}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an organisation's approval settings: { requiresContractApproval?, fallbackApprover? } (the path is the URL-encoded DN). The fallback approver must be an active sales manager (422 naming fallbackApprover); null removes it. */
        patch: operations["AdminOrganizationsController_change"];
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user: username, name, e-mail, roles, organisation, active (never a password or its hash) */
        get: operations["AdminUsersController_list"];
        put?: never;
        /** Create a user: { username, password, roles, organization?, displayName?, email? }. The password: 12+ characters, not a common one, not containing the username. A sales_manager or account_rep needs a known organisation. 409 USER_EXISTS when the username is taken. */
        post: operations["AdminUsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user: roles, organization, displayName, email (null clears), active, a new password. A change of password, roles, organisation or active ends the user's tokens at once. An admin cannot deactivate themselves or remove their own admin role. */
        patch: operations["AdminUsersController_change"];
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the order's spend and quantity drawdowns atomically (409 when a cap or a reserved quantity would be exceeded); the same orderId again returns the first answer */
        post: operations["CheckoutController_commit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Price an order under the buyer's contracts and list what it would break; records nothing */
        post: operations["CheckoutController_evaluate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a committed order's spend and quantities back (cancelled order): the whole order, idempotent by orderId; or with lines only those (quantity left out: all that remains of the SKU), never more than remains, idempotent by releaseId when given */
        post: operations["CheckoutController_release"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Return lines of a committed order: the return charge, approval and refund method of the contract each line was bought under; gives the spend, obligation progress and reserved quantity back in proportion. 404 ORDER_NOT_FOUND, 409 RETURNS_NOT_ALLOWED / ORDER_RELEASED / RETURN_ID_REUSED, 422 RETURN_EXCEEDS_ORDER; the same returnId again returns the first answer */
        post: operations["CheckoutController_returnLines"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contract-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests to the caller's organisation (representatives, managers) or made by the caller */
        get: operations["ContractRequestsController_list"];
        put?: never;
        /** Ask a seller for a contract: { seller, buyer, customerName, message?, customerNumber?, currency? } → 201; the seller desk is mailed accept/decline links */
        post: operations["ContractRequestsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contract-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ContractRequestsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contract-requests/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept: { customerNumber, currency } (default: the request's) → the request and the new Draft contract, owned by the caller */
        post: operations["ContractRequestsController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contract-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline: { reason } */
        post: operations["ContractRequestsController_decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ContractsController_list"];
        put?: never;
        /** Create a draft contract; its workflow starts and persists it before the answer */
        post: operations["ContractsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ContractsController_get"];
        /** Replace a Draft or Rejected contract as a whole (owning rep): the create body, without or with its unchanged code and seller; profile, buyers and terms are checked together and change in one step or not at all. A Rejected one returns to Draft */
        put: operations["ContractsController_replace"];
        post?: never;
        /** Delete (Draft, Rejected, Closed, Cancelled): marked deleted, kept for audit */
        delete: operations["ContractsController_remove"];
        options?: never;
        head?: never;
        /** Edit profile fields of a Draft or Rejected contract (owning rep); a Rejected one returns to Draft */
        patch: operations["ContractsController_patch"];
        trace?: never;
    };
    "/api/v1/contracts/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContractsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContractsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContractsController_deploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/export.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contract as a WCS-style Package (with its account) that imports back to the same contract */
        get: operations["ExportsController_contractXml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail: every step with its actor */
        get: operations["ContractsController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/new-version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Copy an Approved/Active/Suspended contract into a Draft with the minor version + 1 */
        post: operations["ContractsController_newVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/overlaps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The overlap warnings of a saved contract, as if it were deployed */
        get: operations["ContractPreviewController_overlapsOfContract"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContractsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContractsController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContractsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ContractsController_suspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/terms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace the terms of a Draft or Rejected contract (owning rep): body is the list of terms, or { terms } */
        put: operations["ContractsController_putTerms"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/overlaps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Other contracts in force for the draft's buyers that also price (or exclude) what the draft prices, and which price would win; warnings, never a refusal */
        post: operations["ContractPreviewController_overlapsOfDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a buyer would pay for these lines under a draft, as if it were deployed and in force from its start, with the explanation lines checkout gives; deploys and records nothing */
        post: operations["ContractPreviewController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/currency-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The exchange-rate table */
        get: operations["CurrencyRatesController_list"];
        /** Replace the exchange-rate table: { rates: [{ from, to, rate }] } (units of `to` per unit of `from`; an empty list turns conversion off). Checkout follows within a second. */
        put: operations["CurrencyRatesController_replace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web app's dashboard over the contracts the caller may read: contracts by status, approvals waiting by age, contracts expiring within 30/60/90 days, right-to-buy consumption per contract */
        get: operations["DashboardController_figures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/delegations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My current and future delegations, given and received */
        get: operations["DelegationsController_list"];
        put?: never;
        /** Delegate my approvals: { delegate, startsAt?, endsAt } (startsAt defaults to now) */
        post: operations["DelegationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/delegations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a delegation I gave */
        delete: operations["DelegationsController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/contract-buyers.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One line per buyer participant: contractId, code, version, status, position, organization, memberGroup, startsAt, endsAt, active */
        get: operations["ExportsController_buyers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/contract-products.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One line per price offer (kind=offer) and product-set item (kind=sku|category|set): contractId, code, version, status, termSequence, termType, kind, item, currency, price, minQuantity, maxQuantity, precedence, action, signedPercentage */
        get: operations["ExportsController_products"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/contracts.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One line per contract version: id, code, version, origin, status, wcsState, seller, account, currency, startsAt, endsAt, isBase, baseContract, buyers, terms, priceOffers, createdBy, owner, updatedAt */
        get: operations["ExportsController_contracts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/contracts.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The selected contracts as one WCS-style Package, streamed; with account, the Package ends with that Account (docs/xml-format.md) */
        get: operations["ExportsController_packageXml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Import history: every import job, newest first, with its counts and number of errors */
        get: operations["ImportsController_list"];
        put?: never;
        /** Upload a WCS-style Package (application/xml), or an edited CSV export (text/csv with kind); the import runs as a job: 202 { id }, then poll GET /api/v1/imports/{id} */
        post: operations["ImportsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, counts and line-numbered errors of an import job */
        get: operations["ImportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contracts waiting for this manager, oldest submission first (never the ones they submitted or own), with value, age, time left before escalation and a redline summary */
        get: operations["InboxController_pending"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contract with its readable terms and the full redline against its previous version */
        get: operations["InboxController_detail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inbox/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve several contracts: each through its workflow, with a result per id (one failure does not stop the others) */
        post: operations["InboxController_approveMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/member-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every member group with its number of organisations */
        get: operations["MemberGroupsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/member-groups/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member group and its organisations (names compare case-insensitively) */
        get: operations["MemberGroupsController_get"];
        /** Create or replace a member group: { description?, organizations: [DN…] }; an organisation's divisions are members too. Checkout follows within a second. */
        put: operations["MemberGroupsController_put"];
        post?: never;
        /** Delete a member group (409 IN_USE while contracts in force or on their way name it) */
        delete: operations["MemberGroupsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/my-contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contracts this representative owns, newest first, with their status timeline and the last rejection reason */
        get: operations["InboxController_mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/price-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every price list with its number of prices per currency */
        get: operations["PriceListsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/price-lists/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A price list with its prices (optionally of one currency) */
        get: operations["PriceListsController_get"];
        /** Create or replace a price list, every price at once: JSON { description?, prices: [{ sku, currency, price }] }, or CSV with the header SKU,CURRENCY,PRICE (for large lists; the description stays as it was). Any bad price: 422 naming each, nothing written. Checkout follows within a second. */
        put: operations["PriceListsController_put"];
        post?: never;
        /** Delete a price list (409 IN_USE while contracts in force or on their way name it) */
        delete: operations["PriceListsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/price-lists/{name}/prices.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The prices as CSV (SKU,CURRENCY,PRICE), the format PUT accepts */
        get: operations["PriceListsController_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/price-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the price rules of a Draft/Rejected contract from CSV: ITEMCODE,PRICERULE[,CUSTOMERID|CUSTOMERGROUPID|PRICERULEGROUP] */
        post: operations["PriceRulesController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/product-sets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every product set with its numbers of SKUs and categories */
        get: operations["ProductSetsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/product-sets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product set with its SKUs and categories */
        get: operations["ProductSetsController_get"];
        /** Create or replace a product set: { description?, skus?, categories? } (at least one item). Contracts naming it are recompiled for checkout within a second. */
        put: operations["ProductSetsController_put"];
        post?: never;
        /** Delete a product set (409 IN_USE while contracts in force or on their way name it) */
        delete: operations["ProductSetsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My webhook subscriptions (an admin: all) */
        get: operations["WebhooksController_list"];
        put?: never;
        /** Subscribe: { url, events ("*" or a list), description?, filter?: { seller?, buyer?, account? } } → 201 with the signing secret (shown once) */
        post: operations["WebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook subscription (never its secret) */
        get: operations["WebhooksController_get"];
        put?: never;
        post?: never;
        /** Delete a subscription and its deliveries */
        delete: operations["WebhooksController_remove"];
        options?: never;
        head?: never;
        /** Change url, events, description, filter, or enabled (enabling a disabled subscription retries what waits) */
        patch: operations["WebhooksController_update"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries, newest first: status, attempts, last response code and time */
        get: operations["WebhooksController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again, with the same webhook-id (due now, with a fresh retry window; on a disabled subscription, once it is enabled) */
        post: operations["WebhooksController_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret (shown once); the old one keeps signing beside it for graceMinutes (default 1440) */
        post: operations["WebhooksController_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_health[0]"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_health[1]"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MetricsController_metricsText"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccountBuyers: {
            /** @description the account holder organisation */
            holder: string;
            /** @description member groups with a member among them */
            memberGroups: string[];
            name: string;
            /** @description the holder and every organisation below it */
            organizations: string[];
            seller: string;
        };
        /** @description a user, without their password */
        AdminUser: {
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            displayName: string | null;
            email: string | null;
            organization: string | null;
            roles: components["schemas"]["Role"][];
            username: string;
        };
        /** @description what to change (absent: unchanged; null: cleared) */
        AdminUserChangeRequest: {
            /** @description false: the user can no longer sign in, and their tokens stop working */
            active?: boolean;
            displayName?: string | null;
            email?: string | null;
            /** @description a known organisation DN; required for sales_manager and account_rep */
            organization?: string | null;
            /** @description 12+ characters, not a common password, not containing the username */
            password?: string;
            roles?: components["schemas"]["Role"][];
        };
        AdminUserCreateRequest: {
            displayName?: string;
            email?: string;
            /** @description a known organisation DN; required for sales_manager and account_rep */
            organization?: string;
            /** @description 12+ characters, not a common password, not containing the username */
            password: string;
            roles: components["schemas"]["Role"][];
            username: string;
        };
        BulkApproveRequest: {
            comment?: string;
            ids: string[];
        };
        BulkApproveResult: {
            approved: number;
            failed: number;
            results: ({
                /** Format: uuid */
                id: string;
                /** @enum {boolean} */
                ok: true;
                status: components["schemas"]["ContractStatus"];
            } | {
                code?: string;
                /** Format: uuid */
                id: string;
                message: string;
                /** @enum {boolean} */
                ok: false;
                statusCode: number;
            })[];
        };
        CheckoutCommit: {
            allowed: boolean;
            approvalRequired: boolean;
            /** @enum {boolean} */
            committed: true;
            /** Format: date-time */
            committedAt: string;
            lines: {
                boughtUnder: {
                    code: string;
                    id: string;
                    version: string;
                } | null;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                } | null;
                explanation: string[];
                lineTotal: string;
                listPrice: string;
                quantity: number;
                rule: string;
                sku: string;
                unitPrice: string;
            }[];
            obligations: {
                amount: string;
                bought: string;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                };
                currency: string;
                daysLeft: number;
                endsAt: string;
                met: boolean;
                orderAmount: string | null;
                remaining: string;
                startsAt: string;
            }[];
            orderId: string;
            rightToBuy: {
                consumed: string;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                };
                currency: string;
                exchangeRate?: string;
                limit: string;
                orderAmount: string | null;
                remaining: string;
            }[];
            shipping: {
                adjustedCharge: string | null;
                charge: string | null;
                chargePolicy: string | null;
                explanation: string[];
                fulfillmentCenters: string[] | null;
                policySource: {
                    contract: {
                        code: string;
                        id: string;
                        version: string;
                    };
                    from: string;
                    sequenceNumber: number;
                } | null;
            } | null;
            total: string;
            violations: {
                code: string;
                lineIndex: number | null;
                message: string;
            }[];
        };
        /**
         * @example {
         *       "orderId": "SO-2026-000123",
         *       "buyer": "ou=East,o=Northwind,o=Root Organization",
         *       "currency": "USD",
         *       "at": "2026-03-01T12:00:00Z",
         *       "lines": [
         *         {
         *           "sku": "FST-HXB-M8-100",
         *           "quantity": 20,
         *           "listPrice": "21.00",
         *           "categories": [
         *             "fasteners"
         *           ]
         *         }
         *       ],
         *       "shipping": {
         *         "mode": "UPS-GROUND",
         *         "shipTo": "EAST-DOCK"
         *       },
         *       "payment": {
         *         "method": "PO-NET30"
         *       }
         *     }
         */
        CheckoutCommitRequest: {
            /**
             * Format: date-time
             * @description default: now
             */
            at?: string;
            /** @description the buyer organisation DN */
            buyer: string;
            /** @description ISO 4217 code */
            currency: string;
            lines: {
                categories?: string[];
                /**
                 * Format: uuid
                 * @description buy this line under this contract
                 */
                contractId?: string;
                /** @description a decimal string such as "18.40" or "-5" */
                listPrice: string;
                quantity: number;
                sku: string;
            }[];
            /** @description the idempotency key */
            orderId: string;
            payment?: {
                billTo?: string;
                method?: string;
            };
            shipping?: {
                /** @description a decimal string such as "18.40" or "-5" */
                charge?: string;
                fulfillmentCenter?: string;
                mode?: string;
                shipTo?: string;
            };
        };
        CheckoutEvaluation: {
            allowed: boolean;
            approvalRequired: boolean;
            lines: {
                boughtUnder: {
                    code: string;
                    id: string;
                    version: string;
                } | null;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                } | null;
                explanation: string[];
                lineTotal: string;
                listPrice: string;
                quantity: number;
                rule: string;
                sku: string;
                unitPrice: string;
            }[];
            obligations: {
                amount: string;
                bought: string;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                };
                currency: string;
                daysLeft: number;
                endsAt: string;
                met: boolean;
                orderAmount: string | null;
                remaining: string;
                startsAt: string;
            }[];
            rightToBuy: {
                consumed: string;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                };
                currency: string;
                exchangeRate?: string;
                limit: string;
                orderAmount: string | null;
                remaining: string;
            }[];
            shipping: {
                adjustedCharge: string | null;
                charge: string | null;
                chargePolicy: string | null;
                explanation: string[];
                fulfillmentCenters: string[] | null;
                policySource: {
                    contract: {
                        code: string;
                        id: string;
                        version: string;
                    };
                    from: string;
                    sequenceNumber: number;
                } | null;
            } | null;
            total: string;
            violations: {
                code: string;
                lineIndex: number | null;
                message: string;
            }[];
        };
        /** @description the whole order: orderId, released, alreadyReleased; with lines: what each gave back */
        CheckoutRelease: {
            alreadyReleased: boolean;
            /** @description ISO 4217 code */
            currency?: string;
            lines?: {
                /** @description a decimal string such as "18.40" or "-5" */
                amount: string;
                contract: components["schemas"]["ContractRef"] | null;
                lineIndex: number;
                quantity: number;
                sku: string;
            }[];
            /** @description obligation progress given back, per contract */
            obligations?: components["schemas"]["ContractRefund"][];
            orderId: string;
            /** @description reserved quantity given back */
            quantities?: {
                /** Format: uuid */
                contractId: string;
                quantity: number;
                sku: string;
            }[];
            /** @enum {boolean} */
            released: true;
            releaseId?: string;
            /** @description right-to-buy spend given back, per capped contract */
            rightToBuy?: components["schemas"]["ContractRefund"][];
        };
        CheckoutReleaseRequest: {
            lines?: {
                quantity?: number;
                sku: string;
            }[];
            orderId: string;
            /** @description with lines: the idempotency key */
            releaseId?: string;
        };
        /**
         * @example {
         *       "buyer": "ou=East,o=Northwind,o=Root Organization",
         *       "currency": "USD",
         *       "at": "2026-03-01T12:00:00Z",
         *       "lines": [
         *         {
         *           "sku": "FST-HXB-M8-100",
         *           "quantity": 20,
         *           "listPrice": "21.00",
         *           "categories": [
         *             "fasteners"
         *           ]
         *         }
         *       ],
         *       "shipping": {
         *         "mode": "UPS-GROUND",
         *         "shipTo": "EAST-DOCK"
         *       },
         *       "payment": {
         *         "method": "PO-NET30"
         *       }
         *     }
         */
        CheckoutRequest: {
            /**
             * Format: date-time
             * @description default: now
             */
            at?: string;
            /** @description the buyer organisation DN */
            buyer: string;
            /** @description ISO 4217 code */
            currency: string;
            lines: {
                categories?: string[];
                /**
                 * Format: uuid
                 * @description buy this line under this contract
                 */
                contractId?: string;
                /** @description a decimal string such as "18.40" or "-5" */
                listPrice: string;
                quantity: number;
                sku: string;
            }[];
            payment?: {
                billTo?: string;
                method?: string;
            };
            shipping?: {
                /** @description a decimal string such as "18.40" or "-5" */
                charge?: string;
                fulfillmentCenter?: string;
                mode?: string;
                shipTo?: string;
            };
        };
        CheckoutReturn: {
            approvalRequired: boolean;
            /** @description ISO 4217 code */
            currency: string;
            lines: {
                /** @description a decimal string such as "18.40" or "-5" */
                amount: string;
                approvalPolicy: string;
                approvalRequired: boolean;
                /** @description a decimal string such as "18.40" or "-5" */
                charge: string | null;
                chargePolicy: string;
                contract: components["schemas"]["ContractRef"];
                explanation: string[];
                lineIndex: number;
                quantity: number;
                /** @description a decimal string such as "18.40" or "-5" */
                refund: string | null;
                refundMethod: string;
                sku: string;
                /** @description a decimal string such as "18.40" or "-5" */
                unitPrice: string;
            }[];
            /** @description obligation progress given back, per contract */
            obligations: components["schemas"]["ContractRefund"][];
            orderId: string;
            /** @description reserved quantity given back */
            quantities: {
                /** Format: uuid */
                contractId: string;
                quantity: number;
                sku: string;
            }[];
            reason: string;
            /** Format: date-time */
            returnedAt: string;
            returnId: string;
            /** @description right-to-buy spend given back, per capped contract */
            rightToBuy: components["schemas"]["ContractRefund"][];
            totals: {
                /** @description a decimal string such as "18.40" or "-5" */
                amount: string;
                /** @description a decimal string such as "18.40" or "-5" */
                charge: string | null;
                /** @description a decimal string such as "18.40" or "-5" */
                refund: string | null;
            };
        };
        CheckoutReturnRequest: {
            lines: {
                quantity: number;
                sku: string;
            }[];
            orderId: string;
            reason: string;
            returnId: string;
        };
        Contract: {
            account: string | null;
            attachments: components["schemas"]["ContractAttachment"][];
            baseContract: components["schemas"]["ContractRef"] | null;
            buyers: components["schemas"]["ContractBuyer"][];
            code: string;
            comment: string | null;
            contacts: components["schemas"]["ContractContact"][];
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            creditAllowed: boolean;
            /** @description ISO 4217 code */
            currency: string;
            description: string | null;
            /** @description text per locale, e.g. { "en_US": "…" } */
            descriptions?: {
                [key: string]: string;
            };
            /** Format: date-time */
            endsAt: string;
            forceContractPrice: boolean;
            /** Format: uuid */
            id: string;
            isBase: boolean;
            /** @description Manual or Imported */
            origin: string;
            owner: string;
            seller: string;
            /** Format: date-time */
            startsAt: string;
            status: components["schemas"]["ContractStatus"];
            submittedBy: string | null;
            terms: components["schemas"]["Term"][];
            /** Format: date-time */
            updatedAt: string;
            /** @example 1.0 */
            version: string;
            /** @description WebSphere Commerce state code; null for states WCS lacks */
            wcsState: number | null;
            workflowId: string;
        };
        /** @description approve: an optional comment; suspend: an optional reason */
        ContractAction: {
            comment?: string;
            reason?: string;
        };
        ContractAttachment: {
            description?: string;
            mimeType: string;
            uri: string;
        };
        /** @description exactly one of organization and memberGroup */
        ContractBuyer: {
            active: boolean;
            /** Format: date-time */
            endsAt?: string;
            memberGroup?: string;
            organization?: string;
            /** Format: date-time */
            startsAt?: string;
        };
        /** @description exactly one of organization and memberGroup; active defaults to true */
        ContractBuyerInput: {
            active?: boolean;
            /** Format: date-time */
            endsAt?: string;
            memberGroup?: string;
            organization?: string;
            /** Format: date-time */
            startsAt?: string;
        };
        ContractContact: {
            email?: string;
            name: string;
            role?: string;
        };
        ContractDeleted: {
            /** @enum {boolean} */
            deleted: true;
            /** Format: uuid */
            id: string;
        };
        /**
         * @description a contract's content; terms use the element names of the XML format, their parameters in camelCase
         * @example {
         *       "code": "NWF-MSA-2026-001",
         *       "description": "Northwind MSA",
         *       "currency": "USD",
         *       "startsAt": "2026-01-01T00:00:00Z",
         *       "endsAt": "2027-12-31T23:59:59Z",
         *       "seller": "o=Acme Industrial Supply,o=Root Organization",
         *       "buyers": [
         *         {
         *           "organization": "ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization"
         *         }
         *       ],
         *       "account": "Northwind Fabrication",
         *       "baseContract": null,
         *       "terms": [
         *         {
         *           "type": "PriceTCMasterCatalogWithOptionalAdjustment",
         *           "sequenceNumber": 1,
         *           "signedPercentage": "-5"
         *         },
         *         {
         *           "type": "ShippingTCShippingCharge",
         *           "sequenceNumber": 2,
         *           "policy": "StandardShippingChargeBySeller"
         *         }
         *       ]
         *     }
         */
        ContractDraft: {
            /** @description business account name */
            account?: string | null;
            attachments?: components["schemas"]["ContractAttachment"][];
            baseContract?: {
                code: string;
                /** @example 1.0 */
                version?: string;
            } | null;
            buyers: components["schemas"]["ContractBuyerInput"][];
            code: string;
            comment?: string | null;
            contacts?: components["schemas"]["ContractContact"][];
            creditAllowed?: boolean;
            /** @description ISO 4217 code */
            currency: string;
            description?: string;
            /** @description text per locale, e.g. { "en_US": "…" } */
            descriptions?: {
                [key: string]: string;
            };
            /** Format: date-time */
            endsAt: string;
            /** @description the contract price applies even above the list price */
            forceContractPrice?: boolean;
            isBase?: boolean;
            /** @description organisation distinguished name, e.g. "o=Acme Industrial Supply,o=Root Organization" */
            seller: string;
            /** Format: date-time */
            startsAt: string;
            terms: components["schemas"]["Term"][];
        };
        ContractOverlaps: {
            warnings: components["schemas"]["OverlapWarning"][];
        };
        ContractOverlapsRequest: {
            /**
             * Format: uuid
             * @description the saved contract the draft edits: its family, version and id are the ones evaluated
             */
            contractId?: string;
            draft: components["schemas"]["ContractDraft"];
        };
        ContractPage: {
            items: components["schemas"]["Contract"][];
            page: number;
            pageSize: number;
            total: number;
        };
        /** @description profile fields to change (code and seller are the unique key; terms change with PUT …/terms) */
        ContractPatch: {
            /** @description business account name */
            account?: string | null;
            attachments?: components["schemas"]["ContractAttachment"][];
            baseContract?: {
                code: string;
                /** @example 1.0 */
                version?: string;
            } | null;
            buyers?: components["schemas"]["ContractBuyerInput"][];
            comment?: string | null;
            contacts?: components["schemas"]["ContractContact"][];
            creditAllowed?: boolean;
            /** @description ISO 4217 code */
            currency?: string;
            description?: string;
            /** @description text per locale, e.g. { "en_US": "…" } */
            descriptions?: {
                [key: string]: string;
            };
            /** Format: date-time */
            endsAt?: string;
            /** @description the contract price applies even above the list price */
            forceContractPrice?: boolean;
            isBase?: boolean;
            /** Format: date-time */
            startsAt?: string;
        };
        /** @description the checkout evaluation of the lines under the draft, and what was evaluated */
        ContractPreview: {
            allowed: boolean;
            approvalRequired: boolean;
            lines: {
                boughtUnder: {
                    code: string;
                    id: string;
                    version: string;
                } | null;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                } | null;
                explanation: string[];
                lineTotal: string;
                listPrice: string;
                quantity: number;
                rule: string;
                sku: string;
                unitPrice: string;
            }[];
            obligations: {
                amount: string;
                bought: string;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                };
                currency: string;
                daysLeft: number;
                endsAt: string;
                met: boolean;
                orderAmount: string | null;
                remaining: string;
                startsAt: string;
            }[];
            preview: {
                /**
                 * Format: date-time
                 * @description the time evaluated
                 */
                at: string;
                code: string;
                /** @description terms or offers of the draft left out when compiling it (as the checkout snapshot would leave them out) */
                compileWarnings: string[];
                /**
                 * Format: uuid
                 * @description the draft's id, or the one a create would give it
                 */
                id: string;
                version: string;
            };
            rightToBuy: {
                consumed: string;
                contract: {
                    code: string;
                    id: string;
                    version: string;
                };
                currency: string;
                exchangeRate?: string;
                limit: string;
                orderAmount: string | null;
                remaining: string;
            }[];
            shipping: {
                adjustedCharge: string | null;
                charge: string | null;
                chargePolicy: string | null;
                explanation: string[];
                fulfillmentCenters: string[] | null;
                policySource: {
                    contract: {
                        code: string;
                        id: string;
                        version: string;
                    };
                    from: string;
                    sequenceNumber: number;
                } | null;
            } | null;
            total: string;
            violations: {
                code: string;
                lineIndex: number | null;
                message: string;
            }[];
        };
        ContractPreviewRequest: {
            /**
             * Format: date-time
             * @description default: the draft's start when it lies ahead, else now
             */
            at?: string;
            /** @description the buyer organisation DN or member group */
            buyer: string;
            /**
             * Format: uuid
             * @description the saved contract the draft edits: its family, version and id are the ones evaluated
             */
            contractId?: string;
            /** @description the create body, possibly not yet valid (422 names its fields under draft.) */
            draft: components["schemas"]["ContractDraft"];
            lines: {
                categories?: string[];
                /**
                 * Format: uuid
                 * @description buy this line under this contract
                 */
                contractId?: string;
                /** @description a decimal string such as "18.40" or "-5" */
                listPrice: string;
                quantity: number;
                sku: string;
            }[];
        };
        ContractReason: {
            comment?: string;
            reason: string;
        };
        ContractRef: {
            code: string;
            /** Format: uuid */
            id: string;
            /** @example 1.0 */
            version: string;
        };
        ContractRefund: {
            /** @description a decimal string such as "18.40" or "-5" */
            amount: string;
            contract: components["schemas"]["ContractRef"];
            /** @description ISO 4217 code */
            currency: string;
        };
        ContractRequest: {
            buyer: string;
            /** Format: uuid */
            contractId: string | null;
            /** Format: date-time */
            createdAt: string;
            currency: string | null;
            customerName: string;
            customerNumber: string | null;
            /** Format: date-time */
            decidedAt: string | null;
            decidedBy: string | null;
            declineReason: string | null;
            /** Format: uuid */
            id: string;
            message: string | null;
            requestedBy: string;
            seller: string;
            stateSeq: number;
            /** @enum {string} */
            status: "PENDING" | "ACCEPTED" | "DECLINED";
        };
        /** @description default: the request's */
        ContractRequestAccept: {
            /** @description ISO 4217 code */
            currency?: string;
            customerNumber?: string;
        };
        /** @description accept: the request and the new Draft contract; decline: the request */
        ContractRequestDecision: {
            contract?: components["schemas"]["Contract"];
            request: components["schemas"]["ContractRequest"];
        };
        ContractRequestDecline: {
            reason: string;
        };
        ContractRequestInput: {
            buyer: string;
            /** @description ISO 4217 code */
            currency?: string;
            customerName: string;
            customerNumber?: string;
            message?: string;
            seller: string;
        };
        /** @enum {string} */
        ContractStatus: "DRAFT" | "PENDING_APPROVAL" | "APPROVED" | "REJECTED" | "DEPLOYING" | "DEPLOYMENT_FAILED" | "ACTIVE" | "SUSPENDED" | "EXPIRED" | "CANCELLED" | "CLOSED" | "COMPLETED" | "ARCHIVED";
        /** @description the contract, and the other contracts in force for its buyers that also price what it prices (warnings: the submit happened) */
        ContractSubmitted: {
            account: string | null;
            attachments: components["schemas"]["ContractAttachment"][];
            baseContract: components["schemas"]["ContractRef"] | null;
            buyers: components["schemas"]["ContractBuyer"][];
            code: string;
            comment: string | null;
            contacts: components["schemas"]["ContractContact"][];
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            creditAllowed: boolean;
            /** @description ISO 4217 code */
            currency: string;
            description: string | null;
            /** @description text per locale, e.g. { "en_US": "…" } */
            descriptions?: {
                [key: string]: string;
            };
            /** Format: date-time */
            endsAt: string;
            forceContractPrice: boolean;
            /** Format: uuid */
            id: string;
            isBase: boolean;
            /** @description Manual or Imported */
            origin: string;
            owner: string;
            seller: string;
            /** Format: date-time */
            startsAt: string;
            status: components["schemas"]["ContractStatus"];
            submittedBy: string | null;
            terms: components["schemas"]["Term"][];
            /** Format: date-time */
            updatedAt: string;
            /** @example 1.0 */
            version: string;
            warnings: components["schemas"]["OverlapWarning"][];
            /** @description WebSphere Commerce state code; null for states WCS lacks */
            wcsState: number | null;
            workflowId: string;
        };
        /** @description the whole new list of terms, or { terms } */
        ContractTerms: components["schemas"]["Term"][] | {
            terms: components["schemas"]["Term"][];
        };
        CurrencyRate: {
            /** @description ISO 4217 code */
            from: string;
            /** @description units of `to` per unit of `from` */
            rate: string;
            /** @description ISO 4217 code */
            to: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CurrencyRatesRequest: {
            rates: {
                /** @description ISO 4217 code */
                from: string;
                /** @description a decimal string such as "18.40" or "-5" */
                rate: string;
                /** @description ISO 4217 code */
                to: string;
            }[];
        };
        Dashboard: {
            byStatus: {
                count: number;
                status: components["schemas"]["ContractStatus"];
            }[];
            /** @description contracts in force ending within 30, 60 and 90 days */
            expiring: {
                count: number;
                withinDays: number;
            }[];
            /** Format: date-time */
            generatedAt: string;
            /** @description contracts with a right-to-buy cap, most consumed first (20 at most) */
            rightToBuy: {
                /** @description a decimal string such as "18.40" or "-5" */
                consumed: string;
                contract: components["schemas"]["ContractRef"];
                /** @description ISO 4217 code */
                currency: string;
                /** @description a decimal string such as "18.40" or "-5" */
                limit: string;
                /** @description a decimal string such as "18.40" or "-5" */
                remaining: string;
                /** @description consumed / limit */
                share: number;
            }[];
            /** @description contracts waiting for approval by days since their last submission */
            waiting: {
                count: number;
                fromDays: number;
                toDays: number | null;
            }[];
        };
        Delegation: {
            /** Format: date-time */
            createdAt: string;
            delegate: string;
            delegator: string;
            /** Format: date-time */
            endsAt: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: date-time */
            startsAt: string;
        };
        DelegationRequest: {
            /** @description a sales manager's username */
            delegate: string;
            /** Format: date-time */
            endsAt: string;
            /**
             * Format: date-time
             * @description default: now
             */
            startsAt?: string;
        };
        /** @description one problem, naming where it is */
        ErrorDetail: {
            column?: number;
            field?: string;
            line?: number;
            lineIndex?: number;
            message: string;
        };
        ErrorResponse: {
            /** @description stable machine-readable code, e.g. CONTRACT_EXISTS */
            code?: string;
            details: components["schemas"]["ErrorDetail"][];
            error: string;
            message: string;
            statusCode: number;
        };
        Health: {
            checks: {
                /** @enum {string} */
                database: "up" | "down";
                /** @enum {string} */
                temporal: "up" | "down";
            };
            /** @description why a check is down (503 only) */
            reasons?: {
                database?: string;
                temporal?: string;
            };
            /** @enum {string} */
            status: "ok" | "unavailable";
        };
        HistoryEntry: {
            /** @example approve */
            action: string;
            actor: string;
            /** Format: date-time */
            at: string;
            /** @description what the step recorded (comment, reason, …) */
            detail: {
                [key: string]: unknown;
            } | null;
            /** @enum {string|null} */
            fromStatus: "DRAFT" | "PENDING_APPROVAL" | "APPROVED" | "REJECTED" | "DEPLOYING" | "DEPLOYMENT_FAILED" | "ACTIVE" | "SUSPENDED" | "EXPIRED" | "CANCELLED" | "CLOSED" | "COMPLETED" | "ARCHIVED" | null;
            toStatus: components["schemas"]["ContractStatus"];
        };
        ImportAccepted: {
            /** Format: uuid */
            id: string;
        };
        ImportCounts: {
            contracts: number;
            created: number;
            failed: number;
            priceLines: number;
            unchanged: number;
            updated: number;
        };
        ImportJob: {
            counts: components["schemas"]["ImportCounts"];
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            createMissing: boolean;
            dryRun: boolean;
            errors: components["schemas"]["ImportJobError"][];
            /** Format: date-time */
            finishedAt: string | null;
            /** @enum {string} */
            format: "xml" | "csv:contracts" | "csv:contract-buyers" | "csv:contract-products";
            /** Format: uuid */
            id: string;
            progress: {
                bytesRead: number;
                records: number;
                totalBytes: number;
                workflowsStarted: number;
            };
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "PARTIAL";
        };
        ImportJobError: {
            column?: number;
            contract?: string;
            field?: string;
            line: number;
            message: string;
        };
        ImportJobPage: {
            items: components["schemas"]["ImportJobSummary"][];
            page: number;
            pageSize: number;
            total: number;
        };
        ImportJobSummary: {
            counts: components["schemas"]["ImportCounts"];
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            createMissing: boolean;
            dryRun: boolean;
            errorCount: number;
            fileBytes: number;
            /** Format: date-time */
            finishedAt: string | null;
            /** @enum {string} */
            format: "xml" | "csv:contracts" | "csv:contract-buyers" | "csv:contract-products";
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "PARTIAL";
        };
        InboxDetail: {
            canDecide: boolean;
            contract: components["schemas"]["Contract"];
            escalated?: boolean;
            /** Format: date-time */
            escalatesAt?: string | null;
            previousVersion: {
                /** Format: uuid */
                id: string;
                status: components["schemas"]["ContractStatus"];
                version: string;
            } | null;
            redline: {
                changes: components["schemas"]["RedlineChange"][];
                summary: components["schemas"]["RedlineSummary"];
            };
            secondsLeft?: number | null;
            /** Format: date-time */
            submittedAt?: string;
            submitter: string | null;
            terms: {
                lines: string[];
                sequenceNumber: number;
                title: string;
                type: components["schemas"]["TermType"];
            }[];
            waitingSeconds?: number;
            warnings: components["schemas"]["OverlapWarning"][];
        };
        InboxItem: {
            buyerCount: number;
            /** @description the first buyers (organisation DNs, or "group <name>") */
            buyers: string[];
            changes: {
                added: number;
                changed: number;
                href: string;
                removed: number;
                total: number;
            };
            code: string;
            description: string | null;
            escalated: boolean;
            /** Format: date-time */
            escalatesAt: string | null;
            /** Format: uuid */
            id: string;
            owner: string;
            previousVersion: {
                /** Format: uuid */
                id: string;
                version: string;
            } | null;
            secondsLeft: number | null;
            /** Format: date-time */
            submittedAt: string;
            submitter: string | null;
            value: {
                label: string;
                offers: number;
                rightToBuy: {
                    /** @description a decimal string such as "18.40" or "-5" */
                    amount: string;
                    /** @description ISO 4217 code */
                    currency: string;
                } | null;
            };
            version: string;
            waitingSeconds: number;
            /** @description overlap warnings: other contracts in force for its buyers that also price what it prices */
            warningCount: number;
        };
        InboxPage: {
            escalationMinutes: number;
            items: components["schemas"]["InboxItem"][];
            page: number;
            pageSize: number;
            total: number;
        };
        Liveness: {
            /** @enum {string} */
            status: "ok";
        };
        MemberGroup: {
            description: string | null;
            name: string;
            organizations: string[];
            /** Format: date-time */
            updatedAt: string;
        };
        MemberGroupRequest: {
            description?: string | null;
            /** @description organisation DNs; their divisions are members too */
            organizations: string[];
        };
        MemberGroupSummary: {
            description: string | null;
            name: string;
            /** @description how many organisations */
            organizations: number;
            /** Format: date-time */
            updatedAt: string;
        };
        MyContract: {
            code: string;
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: uuid */
            id: string;
            rejection: {
                /** Format: date-time */
                at: string;
                by: string;
                reason: string;
            } | null;
            status: components["schemas"]["ContractStatus"];
            timeline: components["schemas"]["TimelineEntry"][];
            /** Format: date-time */
            updatedAt: string;
            version: string;
        };
        MyContractsPage: {
            items: components["schemas"]["MyContract"][];
            page: number;
            pageSize: number;
            total: number;
        };
        OverlapWarning: {
            /** @description the draft's buyer entry (organisation DN or member group) */
            buyer: string;
            /** @description a catalogue-wide adjustment of one of them prices what the other prices (no SKUs listed for it) */
            catalogue: boolean;
            contract: components["schemas"]["ContractRef"];
            /**
             * @description prices: both price these SKUs; excludes: one excludes SKUs the other prices
             * @enum {string}
             */
            kind: "prices" | "excludes";
            message: string;
            skuCount: number;
            /** @description the first 20 SKUs */
            skus: string[];
            /** @description per listed SKU, the price checkout would pick for quantity 1 */
            winners: components["schemas"]["OverlapWinner"][];
        };
        OverlapWinner: {
            contract: {
                code: string;
                version: string;
            } | "list price";
            /** @description some price of this SKU follows the list price: a lower list price may change the winner */
            dependsOnListPrice: boolean;
            /** @description the winning term type, or LIST_PRICE */
            rule: string;
            sku: string;
            /** @description null: the winning price is a share of the list price */
            unitPrice: string | null;
        };
        PriceList: {
            description: string | null;
            name: string;
            prices: components["schemas"]["PriceListPrice"][];
            /** Format: date-time */
            updatedAt: string;
        };
        PriceListPrice: {
            /** @description ISO 4217 code */
            currency: string;
            /** @description a decimal string such as "18.40" or "-5" */
            price: string;
            sku: string;
        };
        PriceListRequest: {
            description?: string | null;
            prices: components["schemas"]["PriceListPrice"][];
        };
        PriceListSummary: {
            description: string | null;
            name: string;
            /** @description number of prices per currency */
            prices: {
                [key: string]: number;
            };
            /** Format: date-time */
            updatedAt: string;
        };
        PriceRulesUploaded: {
            /** Format: uuid */
            contractId: string;
            priceRules: number;
            sequenceNumber: number;
        };
        ProductSet: {
            categories: string[];
            description: string | null;
            name: string;
            skus: string[];
            /** Format: date-time */
            updatedAt: string;
        };
        ProductSetRequest: {
            categories?: string[];
            description?: string | null;
            skus?: string[];
        };
        ProductSetSummary: {
            categories: number;
            description: string | null;
            name: string;
            skus: number;
            /** Format: date-time */
            updatedAt: string;
        };
        RedlineChange: {
            after?: string;
            before?: string;
            /** @enum {string} */
            kind: "added" | "removed" | "changed";
            label: string;
            path: string;
            /** @enum {string} */
            section: "profile" | "buyers" | "terms";
        };
        RedlineSummary: {
            added: number;
            changed: number;
            removed: number;
            total: number;
        };
        /** @enum {string} */
        Role: "account_rep" | "sales_manager" | "integration" | "order_service" | "admin" | "import_approved";
        SellerOrganization: {
            dn: string;
            /** @description the sales manager who gets the approval requests no other approver can decide */
            fallbackApprover: string | null;
            name: string;
            parent: string | null;
            requiresContractApproval: boolean;
        };
        SellerOrganizationChangeRequest: {
            /** @description an active sales manager's username; null: none */
            fallbackApprover?: string | null;
            /** @description false: the seller's contracts are deployed without a sales manager's approval */
            requiresContractApproval?: boolean;
        };
        Term: components["schemas"]["TermPriceTCMasterCatalogWithOptionalAdjustment"] | components["schemas"]["TermPriceTCPriceListWithOptionalAdjustment"] | components["schemas"]["TermPriceTCPriceListWithSelectiveAdjustment"] | components["schemas"]["TermPriceTCCustomPriceList"] | components["schemas"]["TermPriceTCMasterCatalogWithFiltering"] | components["schemas"]["TermPriceRule"] | components["schemas"]["TermProductSetTCInclusion"] | components["schemas"]["TermProductSetTCExclusion"] | components["schemas"]["TermShippingTCShippingMode"] | components["schemas"]["TermShippingTCShipToAddress"] | components["schemas"]["TermShippingTCShippingCharge"] | components["schemas"]["TermShippingTCShippingChargeAdjustment"] | components["schemas"]["TermFulfillmentTC"] | components["schemas"]["TermPaymentTCPaymentMethod"] | components["schemas"]["TermReturnTCReturnCharge"] | components["schemas"]["TermReturnTCReturnApproval"] | components["schemas"]["TermReturnTCRefundPaymentMethod"] | components["schemas"]["TermRightToBuyTCByAmount"] | components["schemas"]["TermObligationToBuyTCByAmount"] | components["schemas"]["TermOrderApprovalTC"] | components["schemas"]["TermQuantityCommitmentTC"] | components["schemas"]["TermTermCondition"];
        TermFulfillmentTC: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            fulfillmentCenters: string[];
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "FulfillmentTC";
        };
        TermObligationToBuyTCByAmount: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description ISO 4217 code */
            currency: string;
            days: number;
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            /** @description a decimal string such as "18.40" or "-5" */
            minimumAmount: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ObligationToBuyTCByAmount";
        };
        TermOrderApprovalTC: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description ISO 4217 code */
            currency?: string;
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            sequenceNumber: number;
            /** @description a decimal string such as "18.40" or "-5" */
            thresholdAmount: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "OrderApprovalTC";
        };
        TermPaymentTCPaymentMethod: {
            billingAddress?: string;
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            method: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PaymentTCPaymentMethod";
        };
        TermPriceRule: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            rules: {
                customerGroupId?: string;
                customerId?: string;
                itemCode: string;
                priceRuleGroup?: string;
                /** @description a new price ("24"), a percentage change ("-15%") or a fixed change ("-10", "+2") */
                rule: string;
            }[];
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PriceRule";
        };
        TermPriceTCCustomPriceList: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            name?: string;
            offers: {
                /** @description ISO 4217 code */
                currency: string;
                maxQuantity?: number;
                minQuantity?: number;
                precedence?: number;
                /** @description a decimal string such as "18.40" or "-5" */
                price: string;
                sku: string;
            }[];
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PriceTCCustomPriceList";
        };
        TermPriceTCMasterCatalogWithFiltering: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            filters: {
                /** @enum {string} */
                action: "include" | "exclude";
                category?: string;
                /** @description a decimal string such as "18.40" or "-5" */
                signedPercentage?: string;
                sku?: string;
            }[];
            sequenceNumber: number;
            /** @description a decimal string such as "18.40" or "-5" */
            signedPercentage?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PriceTCMasterCatalogWithFiltering";
        };
        TermPriceTCMasterCatalogWithOptionalAdjustment: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            sequenceNumber: number;
            /** @description a decimal string such as "18.40" or "-5" */
            signedPercentage?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PriceTCMasterCatalogWithOptionalAdjustment";
        };
        TermPriceTCPriceListWithOptionalAdjustment: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            priceList: string;
            sequenceNumber: number;
            /** @description a decimal string such as "18.40" or "-5" */
            signedPercentage?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PriceTCPriceListWithOptionalAdjustment";
        };
        TermPriceTCPriceListWithSelectiveAdjustment: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            priceList: string;
            /** @description A named product set, or inline SKUs and/or categories (at least one of the three) */
            productSet: {
                categories?: string[];
                name?: string;
                skus?: string[];
            };
            sequenceNumber: number;
            /** @description a decimal string such as "18.40" or "-5" */
            signedPercentage: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "PriceTCPriceListWithSelectiveAdjustment";
        };
        TermProductSetTCExclusion: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            /** @description A named product set, or inline SKUs and/or categories (at least one of the three) */
            productSet: {
                categories?: string[];
                name?: string;
                skus?: string[];
            };
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ProductSetTCExclusion";
        };
        TermProductSetTCInclusion: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            /** @description A named product set, or inline SKUs and/or categories (at least one of the three) */
            productSet: {
                categories?: string[];
                name?: string;
                skus?: string[];
            };
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ProductSetTCInclusion";
        };
        TermQuantityCommitmentTC: {
            autoArchive?: boolean;
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            lines: {
                quantity: number;
                sku: string;
            }[];
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "QuantityCommitmentTC";
        };
        TermReturnTCRefundPaymentMethod: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            method: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ReturnTCRefundPaymentMethod";
        };
        TermReturnTCReturnApproval: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            policy: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ReturnTCReturnApproval";
        };
        TermReturnTCReturnCharge: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            policy: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ReturnTCReturnCharge";
        };
        TermRightToBuyTCByAmount: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description ISO 4217 code */
            currency: string;
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            /** @description a decimal string such as "18.40" or "-5" */
            maximumAmount: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "RightToBuyTCByAmount";
        };
        TermShippingTCShippingCharge: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            /** @enum {string} */
            policy: "StandardShippingChargeBySeller" | "ShippingChargeByCarrier" | "NoShippingCharge";
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ShippingTCShippingCharge";
        };
        TermShippingTCShippingChargeAdjustment: {
            /** @description a decimal string such as "18.40" or "-5" */
            amount?: string;
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description ISO 4217 code */
            currency?: string;
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            /** @description A named product set, or inline SKUs and/or categories (at least one of the three) */
            productSet?: {
                categories?: string[];
                name?: string;
                skus?: string[];
            };
            sequenceNumber: number;
            /** @description a decimal string such as "18.40" or "-5" */
            signedPercentage?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ShippingTCShippingChargeAdjustment";
        };
        TermShippingTCShippingMode: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            mode: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ShippingTCShippingMode";
        };
        TermShippingTCShipToAddress: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            nickname: string;
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ShippingTCShipToAddress";
        };
        TermTermCondition: {
            /** @description only these buyers (distinguished names); absent: every buyer */
            buyers?: string[];
            conditionType: string;
            /** @description text per locale, e.g. { "en_US": "Spring promotion" } */
            descriptions?: {
                [key: string]: string;
            };
            properties: {
                [key: string]: string;
            };
            sequenceNumber: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "TermCondition";
        };
        /** @enum {string} */
        TermType: "PriceTCMasterCatalogWithOptionalAdjustment" | "PriceTCPriceListWithOptionalAdjustment" | "PriceTCPriceListWithSelectiveAdjustment" | "PriceTCCustomPriceList" | "PriceTCMasterCatalogWithFiltering" | "PriceRule" | "ProductSetTCInclusion" | "ProductSetTCExclusion" | "ShippingTCShippingMode" | "ShippingTCShipToAddress" | "ShippingTCShippingCharge" | "ShippingTCShippingChargeAdjustment" | "FulfillmentTC" | "PaymentTCPaymentMethod" | "ReturnTCReturnCharge" | "ReturnTCReturnApproval" | "ReturnTCRefundPaymentMethod" | "RightToBuyTCByAmount" | "ObligationToBuyTCByAmount" | "OrderApprovalTC" | "QuantityCommitmentTC" | "TermCondition";
        TimelineEntry: {
            action: string;
            actor: string;
            /** Format: date-time */
            at: string;
            comment?: string;
            /** @enum {string|null} */
            fromStatus: "DRAFT" | "PENDING_APPROVAL" | "APPROVED" | "REJECTED" | "DEPLOYING" | "DEPLOYMENT_FAILED" | "ACTIVE" | "SUSPENDED" | "EXPIRED" | "CANCELLED" | "CLOSED" | "COMPLETED" | "ARCHIVED" | null;
            reason?: string;
            toStatus: components["schemas"]["ContractStatus"];
        };
        TokenRequest: {
            password: string;
            username: string;
        };
        TokenResponse: {
            accessToken: string;
            /** @description seconds */
            expiresIn: number;
            roles: components["schemas"]["Role"][];
            /** @enum {string} */
            tokenType: "Bearer";
        };
        Webhook: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            disabledReason: string | null;
            enabled: boolean;
            /** @description ["*"]: every event */
            events: ("contract.created" | "contract.submitted" | "contract.approved" | "contract.rejected" | "contract.activated" | "contract.suspended" | "contract.resumed" | "contract.expiring_soon" | "contract.expired" | "contract.closed" | "contract.cancelled" | "contract.deleted" | "contract.deployment_failed" | "import.completed" | "import.failed" | "checkout.right_to_buy.threshold" | "checkout.quantity.completed" | "*")[];
            filter: components["schemas"]["WebhookFilter"];
            /** Format: uuid */
            id: string;
            owner: string;
            /** Format: date-time */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookCreated: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            disabledReason: string | null;
            enabled: boolean;
            /** @description ["*"]: every event */
            events: ("contract.created" | "contract.submitted" | "contract.approved" | "contract.rejected" | "contract.activated" | "contract.suspended" | "contract.resumed" | "contract.expiring_soon" | "contract.expired" | "contract.closed" | "contract.cancelled" | "contract.deleted" | "contract.deployment_failed" | "import.completed" | "import.failed" | "checkout.right_to_buy.threshold" | "checkout.quantity.completed" | "*")[];
            filter: components["schemas"]["WebhookFilter"];
            /** Format: uuid */
            id: string;
            owner: string;
            /** Format: date-time */
            previousSecretExpiresAt: string | null;
            /** @description the signing secret (whsec_…), shown only in this answer */
            secret: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookCreateRequest: {
            description?: string | null;
            events: "*" | ("contract.created" | "contract.submitted" | "contract.approved" | "contract.rejected" | "contract.activated" | "contract.suspended" | "contract.resumed" | "contract.expiring_soon" | "contract.expired" | "contract.closed" | "contract.cancelled" | "contract.deleted" | "contract.deployment_failed" | "import.completed" | "import.failed" | "checkout.right_to_buy.threshold" | "checkout.quantity.completed" | "*")[];
            filter?: components["schemas"]["WebhookFilter"] | null;
            url: string;
        };
        WebhookDelivery: {
            attempts: number;
            /** Format: date-time */
            deliveredAt: string | null;
            eventId: string;
            eventType: components["schemas"]["WebhookEventType"];
            id: string;
            /** Format: date-time */
            lastAttemptAt: string | null;
            lastError: string | null;
            lastStatusCode: number | null;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            occurredAt: string;
            scope: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
        };
        /** @enum {string} */
        WebhookEventType: "contract.created" | "contract.submitted" | "contract.approved" | "contract.rejected" | "contract.activated" | "contract.suspended" | "contract.resumed" | "contract.expiring_soon" | "contract.expired" | "contract.closed" | "contract.cancelled" | "contract.deleted" | "contract.deployment_failed" | "import.completed" | "import.failed" | "checkout.right_to_buy.threshold" | "checkout.quantity.completed";
        /** @description only the contracts of this seller, buyer organisation and/or account */
        WebhookFilter: {
            account?: string;
            buyer?: string;
            seller?: string;
        };
        WebhookPatchRequest: {
            description?: string | null;
            enabled?: boolean;
            events?: "*" | ("contract.created" | "contract.submitted" | "contract.approved" | "contract.rejected" | "contract.activated" | "contract.suspended" | "contract.resumed" | "contract.expiring_soon" | "contract.expired" | "contract.closed" | "contract.cancelled" | "contract.deleted" | "contract.deployment_failed" | "import.completed" | "import.failed" | "checkout.right_to_buy.threshold" | "checkout.quantity.completed" | "*")[];
            filter?: components["schemas"]["WebhookFilter"] | null;
            url?: string;
        };
        WebhookRotateRequest: {
            /** @description default 1440 */
            graceMinutes?: number;
        };
        WebhookSecretRotation: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            previousSecretExpiresAt: string;
            secret: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AccountsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sorted by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountBuyers"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AdminOrganizationsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sorted by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SellerOrganization"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AdminOrganizationsController_change: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dn: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SellerOrganizationChangeRequest"];
            };
        };
        responses: {
            /** @description the settings as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SellerOrganization"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AdminUsersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sorted by username */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AdminUsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserCreateRequest"];
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AdminUsersController_change: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserChangeRequest"];
            };
        };
        responses: {
            /** @description the user as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AuthController_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description a bearer token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description too many failed logins (Retry-After) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CheckoutController_commit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutCommitRequest"];
            };
        };
        responses: {
            /** @description recorded; the same orderId again: the first answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutCommit"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CheckoutController_evaluate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutRequest"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutEvaluation"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CheckoutController_release: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutReleaseRequest"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutRelease"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CheckoutController_returnLines: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutReturnRequest"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutReturn"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractRequestsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the requests */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractRequest"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractRequestsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractRequestInput"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractRequest"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractRequestsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractRequest"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractRequestsController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContractRequestAccept"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractRequestDecision"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractRequestsController_decline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractRequestDecline"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractRequestDecision"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_list: {
        parameters: {
            query?: {
                /** @description a buyer organisation's distinguished name, exactly */
                buyer?: unknown;
                code?: unknown;
                /** @description only contracts in force (Active, Approved, Suspended) ending within this many days */
                expiringWithinDays?: unknown;
                /** @description only base contracts, or only customer contracts */
                isBase?: "true" | "false";
                page?: unknown;
                pageSize?: unknown;
                /** @description part of the code, the description or a buyer's name or member group, any case */
                search?: unknown;
                status?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractPage"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractDraft"];
            };
        };
        responses: {
            /** @description the new Draft */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractDraft"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractDeleted"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractPatch"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContractAction"];
            };
        };
        responses: {
            /** @description the contract once its workflow accepted the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractReason"];
            };
        };
        responses: {
            /** @description the contract once its workflow accepted the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_deploy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContractAction"];
            };
        };
        responses: {
            /** @description the contract once its workflow accepted the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_contractXml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a Package */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryEntry"][];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_newVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new Draft version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractPreviewController_overlapsOfContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractOverlaps"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractReason"];
            };
        };
        responses: {
            /** @description the contract once its workflow accepted the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContractAction"];
            };
        };
        responses: {
            /** @description the contract once its workflow accepted the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContractAction"];
            };
        };
        responses: {
            /** @description the contract once its workflow accepted the step, with its overlap warnings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractSubmitted"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_suspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContractAction"];
            };
        };
        responses: {
            /** @description the contract once its workflow accepted the step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractsController_putTerms: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractTerms"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractPreviewController_overlapsOfDraft: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractOverlapsRequest"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractOverlaps"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ContractPreviewController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContractPreviewRequest"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContractPreview"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CurrencyRatesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the table */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrencyRate"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CurrencyRatesController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CurrencyRatesRequest"];
            };
        };
        responses: {
            /** @description the table as stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrencyRate"][];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    DashboardController_figures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    DelegationsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delegation"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    DelegationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DelegationRequest"];
            };
        };
        responses: {
            /** @description success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delegation"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    DelegationsController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the delegation, ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delegation"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_buyers: {
        parameters: {
            query?: {
                account?: unknown;
                code?: unknown;
                seller?: unknown;
                status?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV with a header line (docs/csv-format.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_products: {
        parameters: {
            query?: {
                account?: unknown;
                code?: unknown;
                seller?: unknown;
                status?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV with a header line (docs/csv-format.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_contracts: {
        parameters: {
            query?: {
                account?: unknown;
                code?: unknown;
                seller?: unknown;
                status?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV with a header line (docs/csv-format.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExportsController_packageXml: {
        parameters: {
            query?: {
                account?: unknown;
                code?: unknown;
                seller?: unknown;
                status?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a Package */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ImportsController_list: {
        parameters: {
            query?: {
                page?: string;
                /** @description 1–100, default 20 */
                pageSize?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJobPage"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ImportsController_upload: {
        parameters: {
            query?: {
                createMissing?: string;
                dryRun?: string;
                /** @description text/csv only: which export the file is (docs/csv-format.md) */
                kind?: "contracts" | "contract-buyers" | "contract-products";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/xml": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description the job runs; poll GET /api/v1/imports/{id} */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportAccepted"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ImportsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJob"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InboxController_pending: {
        parameters: {
            query?: {
                page?: unknown;
                /** @description 1–200, default 50 */
                pageSize?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxPage"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InboxController_detail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxDetail"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InboxController_approveMany: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkApproveRequest"];
            };
        };
        responses: {
            /** @description a result per id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkApproveResult"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    MemberGroupsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sorted by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberGroupSummary"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    MemberGroupsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberGroup"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    MemberGroupsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberGroupRequest"];
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberGroup"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberGroup"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    MemberGroupsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    InboxController_mine: {
        parameters: {
            query?: {
                page?: unknown;
                /** @description 1–200, default 50 */
                pageSize?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyContractsPage"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PriceListsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sorted by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceListSummary"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PriceListsController_get: {
        parameters: {
            query?: {
                currency?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceList"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PriceListsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PriceListRequest"];
                "text/csv": string;
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceListSummary"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceListSummary"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PriceListsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PriceListsController_csv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description SKU,CURRENCY,PRICE */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PriceRulesController_upload: {
        parameters: {
            query: {
                /** @description the contract id */
                contract: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceRulesUploaded"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description a dependency is unavailable, or the workflow did not answer in time */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProductSetsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sorted by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductSetSummary"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProductSetsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductSet"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProductSetsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductSetRequest"];
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductSet"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductSet"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ProductSetsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description state conflict or limit exceeded */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the subscriptions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"][];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreateRequest"];
            };
        };
        responses: {
            /** @description the subscription with its signing secret (shown once) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreated"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPatchRequest"];
            };
        };
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_deliveries: {
        parameters: {
            query?: {
                before?: string;
                limit?: string;
                status?: "pending" | "delivered" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"][];
                };
            };
            /** @description malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_resend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description due again now */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WebhookRotateRequest"];
            };
        };
        responses: {
            /** @description the new secret (shown once) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretRotation"];
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description wrong role, or outside the caller's organisations */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description business-rule violation */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "HealthController_health[0]": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Postgres and Temporal answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description a dependency does not answer: the failing check and its reason */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
        };
    };
    "HealthController_health[1]": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Postgres and Temporal answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description a dependency does not answer: the failing check and its reason */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    MetricsController_metricsText: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description no token, or an invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
