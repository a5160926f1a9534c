import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen copies of the term shapes as of this migration (never import living code into a migration).
/** The parameter each term type keeps in the `code` column. */
const CODE_KEY: Record<string, string> = {
  PriceTCPriceListWithOptionalAdjustment: 'priceList',
  PriceTCPriceListWithSelectiveAdjustment: 'priceList',
  PriceTCCustomPriceList: 'name',
  ShippingTCShippingMode: 'mode',
  ShippingTCShipToAddress: 'nickname',
  ShippingTCShippingCharge: 'policy',
  ReturnTCReturnCharge: 'policy',
  ReturnTCReturnApproval: 'policy',
  PaymentTCPaymentMethod: 'method',
  ReturnTCRefundPaymentMethod: 'method',
  TermCondition: 'conditionType',
};
/** The parameter each term type keeps in the `amount` column. */
const AMOUNT_KEY: Record<string, string> = {
  RightToBuyTCByAmount: 'maximumAmount',
  ObligationToBuyTCByAmount: 'minimumAmount',
  OrderApprovalTC: 'thresholdAmount',
  ShippingTCShippingChargeAdjustment: 'amount',
};
const PRODUCT_SET_TYPES = ['PriceTCPriceListWithSelectiveAdjustment', 'ProductSetTCInclusion', 'ProductSetTCExclusion', 'ShippingTCShippingChargeAdjustment'];
/** Child-table parameters per type (besides productSet and buyers). */
const LIST_KEY: Record<string, string> = {
  PriceTCCustomPriceList: 'offers',
  PriceTCMasterCatalogWithFiltering: 'filters',
  PriceRule: 'rules',
  FulfillmentTC: 'fulfillmentCenters',
  QuantityCommitmentTC: 'lines',
  TermCondition: 'properties',
};
const SCALAR_KEYS = ['descriptions', 'buyers', 'signedPercentage', 'currency', 'days', 'autoArchive', 'billingAddress'];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const inList = (xs: string[]) => xs.map(lit).join(', ');
/** `CASE type WHEN … THEN … END` from a type → value map. */
const byType = (map: Record<string, string>, then: (v: string) => string, otherwise = 'NULL') =>
  `CASE t.type ${Object.entries(map).map(([type, v]) => `WHEN ${lit(type)} THEN ${then(v)}`).join(' ')} ELSE ${otherwise} END`;
/** The parameters a type moves into columns/child tables; anything else stays in legacy_parameters. */
const mappedKeys = (type: string) => [
  ...SCALAR_KEYS, ...(CODE_KEY[type] ? [CODE_KEY[type]] : []), ...(AMOUNT_KEY[type] ? [AMOUNT_KEY[type]] : []),
  ...(PRODUCT_SET_TYPES.includes(type) ? ['productSet'] : []), ...(LIST_KEY[type] ? [LIST_KEY[type]] : []),
];
const ALL_TYPES = [...new Set([...Object.keys(CODE_KEY), ...Object.keys(AMOUNT_KEY), ...PRODUCT_SET_TYPES, ...Object.keys(LIST_KEY),
  'PriceTCMasterCatalogWithOptionalAdjustment'])];

/**
 * Terms as typed columns and child tables instead of one jsonb `parameters` per term, plus the
 * profile extras (attachments, contacts, member-group buyers, descriptions, force contract price),
 * account terms and the runtime rows the deploy step builds for checkout.
 *
 * Decimals use the `pactum_decimal` domain: unconstrained numeric (so "18.40" comes back as
 * "18.40", not "18.400000") with the bounds of numeric(18,6) enforced by a check.
 */
export class NormalisedTerms1764050000000 implements MigrationInterface {
  name = 'NormalisedTerms1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE DOMAIN pactum_decimal AS numeric CHECK (VALUE IS NULL OR (scale(VALUE) <= 6 AND abs(VALUE) < 1000000000000))`);

    // Contract profile extras.
    await q.query(`ALTER TABLE contracts ADD COLUMN force_contract_price boolean NOT NULL DEFAULT false, ADD COLUMN descriptions jsonb`);
    await q.query(`CREATE INDEX contracts_status_ends_idx ON contracts (status, ends_at) WHERE deleted_at IS NULL`);
    // (code, origin, seller_dn) family lookups use the prefix of contracts_unique_key.
    await q.query(`
      CREATE TABLE contract_attachments (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        position int NOT NULL,
        uri text NOT NULL,
        mime_type text NOT NULL,
        description text,
        PRIMARY KEY (contract_id, position)
      )`);
    await q.query(`
      CREATE TABLE contract_contacts (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        position int NOT NULL,
        name text NOT NULL,
        email text,
        role text,
        PRIMARY KEY (contract_id, position)
      )`);

    // Buyers: an organisation or a member group, exactly one of them.
    await q.query(`ALTER TABLE contract_buyers DROP CONSTRAINT contract_buyers_pkey`);
    await q.query(`ALTER TABLE contract_buyers ALTER COLUMN organization_dn DROP NOT NULL, ADD COLUMN member_group text,
      ADD CONSTRAINT contract_buyers_one_party_check CHECK (num_nonnulls(organization_dn, member_group) = 1),
      ADD PRIMARY KEY (contract_id, position)`);
    await q.query(`CREATE UNIQUE INDEX contract_buyers_org_key ON contract_buyers (contract_id, organization_dn) WHERE organization_dn IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX contract_buyers_group_key ON contract_buyers (contract_id, member_group) WHERE member_group IS NOT NULL`);
    await q.query(`CREATE INDEX contract_buyers_group_idx ON contract_buyers (member_group) WHERE member_group IS NOT NULL`);

    // Term header: one typed column per scalar parameter.
    await q.query(`
      ALTER TABLE contract_terms
        ADD COLUMN descriptions jsonb,
        ADD COLUMN signed_percentage pactum_decimal,
        ADD COLUMN amount pactum_decimal,
        ADD COLUMN currency char(3),
        ADD COLUMN code text,
        ADD COLUMN billing_address text,
        ADD COLUMN days int,
        ADD COLUMN auto_archive boolean,
        ADD COLUMN legacy_parameters jsonb`);
    const termRef = `FOREIGN KEY (contract_id, term_seq) REFERENCES contract_terms (contract_id, sequence_number) ON DELETE CASCADE`;
    await q.query(`
      CREATE TABLE contract_price_offers (
        contract_id uuid NOT NULL, term_seq int NOT NULL, position int NOT NULL,
        sku text NOT NULL,
        currency char(3) NOT NULL,
        price pactum_decimal NOT NULL CHECK (price >= 0),
        min_quantity int, max_quantity int, precedence int,
        PRIMARY KEY (contract_id, term_seq, position), ${termRef}
      )`);
    await q.query(`CREATE INDEX contract_price_offers_sku_idx ON contract_price_offers (contract_id, sku)`);
    await q.query(`
      CREATE TABLE contract_product_set_items (
        contract_id uuid NOT NULL, term_seq int NOT NULL, position int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('sku', 'category', 'set')),
        code text NOT NULL,
        action text CHECK (action IN ('include', 'exclude')),
        signed_percentage pactum_decimal,
        PRIMARY KEY (contract_id, term_seq, position), ${termRef}
      )`);
    await q.query(`
      CREATE TABLE contract_price_rules (
        contract_id uuid NOT NULL, term_seq int NOT NULL, position int NOT NULL,
        item_code text NOT NULL,
        rule text NOT NULL,
        scope_kind text CHECK (scope_kind IN ('customer', 'customerGroup', 'priceRuleGroup')),
        scope_value text,
        CHECK ((scope_kind IS NULL) = (scope_value IS NULL)),
        PRIMARY KEY (contract_id, term_seq, position), ${termRef}
      )`);
    await q.query(`
      CREATE TABLE contract_term_buyers (
        contract_id uuid NOT NULL, term_seq int NOT NULL, position int NOT NULL,
        organization_dn text NOT NULL,
        PRIMARY KEY (contract_id, term_seq, position), ${termRef}
      )`);
    await q.query(`
      CREATE TABLE contract_fulfillment_centers (
        contract_id uuid NOT NULL, term_seq int NOT NULL, position int NOT NULL,
        code text NOT NULL,
        PRIMARY KEY (contract_id, term_seq, position), ${termRef}
      )`);
    await q.query(`
      CREATE TABLE contract_term_properties (
        contract_id uuid NOT NULL, term_seq int NOT NULL, position int NOT NULL,
        name text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (contract_id, term_seq, position), UNIQUE (contract_id, term_seq, name), ${termRef}
      )`);
    await q.query(`
      CREATE TABLE contract_quantity_lines (
        contract_id uuid NOT NULL, term_seq int NOT NULL, position int NOT NULL,
        sku text NOT NULL,
        quantity int NOT NULL CHECK (quantity >= 0),
        drawn_down int NOT NULL DEFAULT 0 CHECK (drawn_down >= 0),
        PRIMARY KEY (contract_id, term_seq, position), ${termRef}
      )`);
    await q.query(`CREATE INDEX contract_quantity_lines_sku_idx ON contract_quantity_lines (contract_id, sku)`);

    await this.moveParametersToTables(q);
    await q.query(`ALTER TABLE contract_terms DROP COLUMN parameters`);

    // Business accounts and organisations.
    await q.query(`ALTER TABLE business_accounts ADD COLUMN credit_allowed boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE organizations ADD COLUMN fallback_approver text`);
    await q.query(`
      CREATE TABLE account_terms (
        account_id uuid NOT NULL REFERENCES business_accounts(id) ON DELETE CASCADE,
        sequence_number int NOT NULL,
        type text NOT NULL,
        descriptions jsonb,
        signed_percentage pactum_decimal,
        amount pactum_decimal,
        currency char(3),
        code text,
        billing_address text,
        days int,
        auto_archive boolean,
        properties jsonb,
        PRIMARY KEY (account_id, sequence_number)
      )`);

    // Runtime rows: what checkout reads for deployed contracts (built by the deploy step).
    await q.query(`
      CREATE TABLE runtime_entitlements (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        position int NOT NULL,
        organization_dn text,
        member_group text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        active boolean NOT NULL,
        PRIMARY KEY (contract_id, position),
        CHECK (num_nonnulls(organization_dn, member_group) = 1)
      )`);
    await q.query(`CREATE INDEX runtime_entitlements_org_idx ON runtime_entitlements (organization_dn) WHERE organization_dn IS NOT NULL`);
    await q.query(`CREATE INDEX runtime_entitlements_group_idx ON runtime_entitlements (member_group) WHERE member_group IS NOT NULL`);
    await q.query(`
      CREATE TABLE runtime_price_offers (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        term_seq int NOT NULL,
        position int NOT NULL,
        sku text NOT NULL,
        currency char(3) NOT NULL,
        price pactum_decimal NOT NULL,
        min_quantity int,
        max_quantity int,
        precedence int,
        term_buyers text[],
        contract_starts_at timestamptz NOT NULL,
        contract_ends_at timestamptz NOT NULL,
        PRIMARY KEY (contract_id, term_seq, position)
      )`);
    await q.query(`CREATE INDEX runtime_price_offers_sku_idx ON runtime_price_offers (contract_id, sku, currency)`);
  }

  /** Existing jsonb parameters → typed columns and child tables; unknown leftovers kept in legacy_parameters. */
  private async moveParametersToTables(q: QueryRunner): Promise<void> {
    const p = 't.parameters';
    await q.query(`
      UPDATE contract_terms t SET
        descriptions = ${p}->'descriptions',
        signed_percentage = (${p}->>'signedPercentage')::numeric,
        amount = (${byType(AMOUNT_KEY, (k) => `${p}->>${lit(k)}`)})::numeric,
        currency = ${p}->>'currency',
        code = ${byType(CODE_KEY, (k) => `${p}->>${lit(k)}`)},
        billing_address = ${p}->>'billingAddress',
        days = (${p}->>'days')::int,
        auto_archive = (${p}->>'autoArchive')::boolean,
        legacy_parameters = NULLIF(${p} - (CASE t.type ${ALL_TYPES.map((type) => `WHEN ${lit(type)} THEN ARRAY[${inList(mappedKeys(type))}]`).join(' ')}
          ELSE ARRAY[${inList(SCALAR_KEYS)}] END)::text[], '{}'::jsonb)`);
    await q.query(`
      INSERT INTO contract_price_offers (contract_id, term_seq, position, sku, currency, price, min_quantity, max_quantity, precedence)
      SELECT t.contract_id, t.sequence_number, o.ord - 1, o.v->>'sku', o.v->>'currency', (o.v->>'price')::numeric,
        (o.v->>'minQuantity')::int, (o.v->>'maxQuantity')::int, (o.v->>'precedence')::int
      FROM contract_terms t, jsonb_array_elements(${p}->'offers') WITH ORDINALITY AS o(v, ord)
      WHERE t.type = 'PriceTCCustomPriceList'`);
    const ps = `${p}->'productSet'`;
    await q.query(`
      INSERT INTO contract_product_set_items (contract_id, term_seq, position, kind, code, action, signed_percentage)
      SELECT contract_id, seq, row_number() OVER (PARTITION BY contract_id, seq ORDER BY grp, ord) - 1, kind, code, action, pct
      FROM (
        SELECT t.contract_id, t.sequence_number AS seq, 0 AS grp, 0::bigint AS ord, 'set' AS kind, ${ps}->>'name' AS code, NULL AS action, NULL::numeric AS pct
          FROM contract_terms t WHERE t.type IN (${inList(PRODUCT_SET_TYPES)}) AND ${ps}->>'name' IS NOT NULL
        UNION ALL
        SELECT t.contract_id, t.sequence_number, 1, s.ord, 'sku', s.v, NULL, NULL
          FROM contract_terms t, jsonb_array_elements_text(${ps}->'skus') WITH ORDINALITY AS s(v, ord) WHERE t.type IN (${inList(PRODUCT_SET_TYPES)})
        UNION ALL
        SELECT t.contract_id, t.sequence_number, 2, s.ord, 'category', s.v, NULL, NULL
          FROM contract_terms t, jsonb_array_elements_text(${ps}->'categories') WITH ORDINALITY AS s(v, ord) WHERE t.type IN (${inList(PRODUCT_SET_TYPES)})
        UNION ALL
        SELECT t.contract_id, t.sequence_number, 3, f.ord, CASE WHEN f.v->>'sku' IS NOT NULL THEN 'sku' ELSE 'category' END,
            coalesce(f.v->>'sku', f.v->>'category'), f.v->>'action', (f.v->>'signedPercentage')::numeric
          FROM contract_terms t, jsonb_array_elements(${p}->'filters') WITH ORDINALITY AS f(v, ord) WHERE t.type = 'PriceTCMasterCatalogWithFiltering'
      ) items`);
    await q.query(`
      INSERT INTO contract_price_rules (contract_id, term_seq, position, item_code, rule, scope_kind, scope_value)
      SELECT t.contract_id, t.sequence_number, r.ord - 1, r.v->>'itemCode', r.v->>'rule',
        CASE WHEN r.v->>'customerId' IS NOT NULL THEN 'customer' WHEN r.v->>'customerGroupId' IS NOT NULL THEN 'customerGroup'
             WHEN r.v->>'priceRuleGroup' IS NOT NULL THEN 'priceRuleGroup' END,
        coalesce(r.v->>'customerId', r.v->>'customerGroupId', r.v->>'priceRuleGroup')
      FROM contract_terms t, jsonb_array_elements(${p}->'rules') WITH ORDINALITY AS r(v, ord) WHERE t.type = 'PriceRule'`);
    await q.query(`
      INSERT INTO contract_term_buyers (contract_id, term_seq, position, organization_dn)
      SELECT t.contract_id, t.sequence_number, b.ord - 1, b.v FROM contract_terms t, jsonb_array_elements_text(${p}->'buyers') WITH ORDINALITY AS b(v, ord)`);
    await q.query(`
      INSERT INTO contract_fulfillment_centers (contract_id, term_seq, position, code)
      SELECT t.contract_id, t.sequence_number, c.ord - 1, c.v
      FROM contract_terms t, jsonb_array_elements_text(${p}->'fulfillmentCenters') WITH ORDINALITY AS c(v, ord) WHERE t.type = 'FulfillmentTC'`);
    await q.query(`
      INSERT INTO contract_term_properties (contract_id, term_seq, position, name, value)
      SELECT t.contract_id, t.sequence_number, e.ord - 1, e.key, e.value
      FROM contract_terms t, jsonb_each_text(${p}->'properties') WITH ORDINALITY AS e(key, value, ord) WHERE t.type = 'TermCondition'`);
    await q.query(`
      INSERT INTO contract_quantity_lines (contract_id, term_seq, position, sku, quantity)
      SELECT t.contract_id, t.sequence_number, l.ord - 1, l.v->>'sku', (l.v->>'quantity')::int
      FROM contract_terms t, jsonb_array_elements(${p}->'lines') WITH ORDINALITY AS l(v, ord) WHERE t.type = 'QuantityCommitmentTC'`);
  }

  /** Rebuilds the jsonb form. Member-group buyers, attachments, contacts, account terms and runtime rows have no older form and are dropped. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE runtime_price_offers`);
    await q.query(`DROP TABLE runtime_entitlements`);
    await q.query(`DROP TABLE account_terms`);
    await q.query(`ALTER TABLE organizations DROP COLUMN fallback_approver`);
    await q.query(`ALTER TABLE business_accounts DROP COLUMN credit_allowed`);

    await q.query(`ALTER TABLE contract_terms ADD COLUMN parameters jsonb NOT NULL DEFAULT '{}'`);
    const child = (table: string) => `FROM ${table} c WHERE c.contract_id = t.contract_id AND c.term_seq = t.sequence_number`;
    const list = (type: string, key: string, agg: string, table: string, empty = `'[]'::jsonb`) =>
      `CASE WHEN t.type = ${lit(type)} THEN jsonb_build_object(${lit(key)}, coalesce((SELECT ${agg} ${child(table)}), ${empty})) ELSE '{}'::jsonb END`;
    const items = `FROM contract_product_set_items c WHERE c.contract_id = t.contract_id AND c.term_seq = t.sequence_number`;
    const productSet = `jsonb_strip_nulls(jsonb_build_object(
        'name', (SELECT c.code ${items} AND c.kind = 'set' AND c.action IS NULL LIMIT 1),
        'skus', (SELECT jsonb_agg(c.code ORDER BY c.position) ${items} AND c.kind = 'sku' AND c.action IS NULL),
        'categories', (SELECT jsonb_agg(c.code ORDER BY c.position) ${items} AND c.kind = 'category' AND c.action IS NULL)))`;
    await q.query(`
      UPDATE contract_terms t SET parameters =
        jsonb_strip_nulls(jsonb_build_object(
          'signedPercentage', t.signed_percentage::text,
          'currency', t.currency::text,
          'days', t.days,
          'autoArchive', t.auto_archive,
          'billingAddress', t.billing_address))
        || CASE WHEN t.descriptions IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('descriptions', t.descriptions) END
        || CASE WHEN t.code IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(${byType(CODE_KEY, lit, "'code'")}, t.code) END
        || CASE WHEN t.amount IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(${byType(AMOUNT_KEY, lit, "'amount'")}, t.amount::text) END
        || coalesce((SELECT jsonb_build_object('buyers', jsonb_agg(c.organization_dn ORDER BY c.position)) ${child('contract_term_buyers')} HAVING count(*) > 0), '{}'::jsonb)
        || CASE WHEN t.type IN (${inList(PRODUCT_SET_TYPES.filter((x) => x !== 'ShippingTCShippingChargeAdjustment'))})
                  OR EXISTS (SELECT 1 ${items}) AND t.type = 'ShippingTCShippingChargeAdjustment'
             THEN jsonb_build_object('productSet', ${productSet}) ELSE '{}'::jsonb END
        || ${list('PriceTCCustomPriceList', 'offers', `jsonb_agg(jsonb_strip_nulls(jsonb_build_object('sku', c.sku, 'price', c.price::text, 'currency', c.currency::text,
              'minQuantity', c.min_quantity, 'maxQuantity', c.max_quantity, 'precedence', c.precedence)) ORDER BY c.position)`, 'contract_price_offers')}
        || ${list('PriceTCMasterCatalogWithFiltering', 'filters', `jsonb_agg(jsonb_strip_nulls(jsonb_build_object('action', c.action,
              'sku', CASE WHEN c.kind = 'sku' THEN c.code END, 'category', CASE WHEN c.kind = 'category' THEN c.code END,
              'signedPercentage', c.signed_percentage::text)) ORDER BY c.position)`, 'contract_product_set_items')}
        || ${list('PriceRule', 'rules', `jsonb_agg(jsonb_strip_nulls(jsonb_build_object('itemCode', c.item_code, 'rule', c.rule,
              'customerId', CASE WHEN c.scope_kind = 'customer' THEN c.scope_value END,
              'customerGroupId', CASE WHEN c.scope_kind = 'customerGroup' THEN c.scope_value END,
              'priceRuleGroup', CASE WHEN c.scope_kind = 'priceRuleGroup' THEN c.scope_value END)) ORDER BY c.position)`, 'contract_price_rules')}
        || ${list('FulfillmentTC', 'fulfillmentCenters', `jsonb_agg(c.code ORDER BY c.position)`, 'contract_fulfillment_centers')}
        || ${list('TermCondition', 'properties', `jsonb_object_agg(c.name, c.value ORDER BY c.position)`, 'contract_term_properties', `'{}'::jsonb`)}
        || ${list('QuantityCommitmentTC', 'lines', `jsonb_agg(jsonb_build_object('sku', c.sku, 'quantity', c.quantity) ORDER BY c.position)`, 'contract_quantity_lines')}
        || coalesce(t.legacy_parameters, '{}'::jsonb)`);
    for (const table of ['contract_quantity_lines', 'contract_term_properties', 'contract_fulfillment_centers', 'contract_term_buyers',
      'contract_price_rules', 'contract_product_set_items', 'contract_price_offers']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`
      ALTER TABLE contract_terms DROP COLUMN descriptions, DROP COLUMN signed_percentage, DROP COLUMN amount, DROP COLUMN currency,
        DROP COLUMN code, DROP COLUMN billing_address, DROP COLUMN days, DROP COLUMN auto_archive, DROP COLUMN legacy_parameters`);

    await q.query(`DROP INDEX contract_buyers_group_idx`);
    await q.query(`DROP INDEX contract_buyers_group_key`);
    await q.query(`DROP INDEX contract_buyers_org_key`);
    await q.query(`DELETE FROM contract_buyers WHERE organization_dn IS NULL`);
    await q.query(`ALTER TABLE contract_buyers DROP CONSTRAINT contract_buyers_pkey, DROP CONSTRAINT contract_buyers_one_party_check, DROP COLUMN member_group`);
    await q.query(`ALTER TABLE contract_buyers ALTER COLUMN organization_dn SET NOT NULL, ADD PRIMARY KEY (contract_id, organization_dn)`);

    await q.query(`DROP TABLE contract_contacts`);
    await q.query(`DROP TABLE contract_attachments`);
    await q.query(`DROP INDEX contracts_status_ends_idx`);
    await q.query(`ALTER TABLE contracts DROP COLUMN force_contract_price, DROP COLUMN descriptions`);
    await q.query(`DROP DOMAIN pactum_decimal`);
  }
}
