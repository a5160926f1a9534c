import { DataSource } from 'typeorm';

export const DEMO_SELLER = 'o=Acme Industrial Supply,o=Root Organization';
export const DEMO_BUYERS = {
  northwind: 'o=Northwind Fabrication,o=Root Organization',
  northwindEast: 'ou=Northwind East Division,o=Northwind Fabrication,o=Root Organization',
  contoso: 'o=Contoso Builders,o=Root Organization',
};

export const DEMO_USERS: { username: string; roles: string[]; displayName: string; organizationDn: string }[] = [
  { username: 'rep1', roles: ['account_rep'], displayName: 'Rita Rep', organizationDn: DEMO_SELLER },
  { username: 'rep2', roles: ['account_rep'], displayName: 'Ravi Rep', organizationDn: DEMO_SELLER },
  { username: 'manager1', roles: ['sales_manager'], displayName: 'Mona Manager', organizationDn: DEMO_SELLER },
  { username: 'manager2', roles: ['sales_manager'], displayName: 'Max Manager', organizationDn: DEMO_SELLER },
  { username: 'integrator', roles: ['integration'], displayName: 'Integration Team', organizationDn: DEMO_SELLER },
  { username: 'checkout', roles: ['order_service'], displayName: 'Checkout Service', organizationDn: DEMO_SELLER },
  { username: 'admin', roles: ['admin'], displayName: 'Administrator', organizationDn: DEMO_SELLER },
];

const PRODUCTS: [sku: string, name: string, listPrice: string, categories: string[]][] = [
  ['FST-HXB-M8-100', 'Hex bolt M8×100, zinc, box of 50', '21.00', ['fasteners', 'bolts']],
  ['FST-HXN-M8', 'Hex nut M8, zinc, box of 100', '6.40', ['fasteners', 'nuts']],
  ['FST-WSH-M8', 'Flat washer M8, box of 200', '4.95', ['fasteners', 'washers']],
  ['FST-ANC-12', 'Wedge anchor 12 mm, box of 25', '38.50', ['fasteners', 'anchors']],
  ['TLS-DRL-18V', 'Cordless drill 18 V, two batteries', '189.00', ['tools', 'power-tools']],
  ['TLS-GRN-125', 'Angle grinder 125 mm', '129.00', ['tools', 'power-tools']],
  ['TLS-WRN-SET', 'Combination wrench set, 12 pieces', '74.90', ['tools', 'hand-tools']],
  ['SAF-GLV-L', 'Cut-resistant gloves, size L, 12 pairs', '58.80', ['safety', 'gloves']],
  ['SAF-HLM-W', 'Safety helmet, white', '17.25', ['safety', 'head']],
  ['SAF-GOG-CL', 'Safety goggles, clear', '9.60', ['safety', 'eyes']],
  ['WLD-ROD-E6013', 'Welding rods E6013 2.5 mm, 5 kg', '42.00', ['welding', 'consumables']],
  ['WLD-MSK-AUTO', 'Auto-darkening welding mask', '96.00', ['welding', 'safety']],
];

/** Reference data of the demo: a member group, a price list and a product set that terms can name. */
export const DEMO_REFERENCE = {
  memberGroup: 'Preferred Distributors',
  priceList: 'Acme Distributor 2026',
  productSet: 'Power tools',
};

const DISTRIBUTOR_PRICES: [sku: string, price: string][] = [
  ['FST-HXB-M8-100', '19.50'], ['FST-HXN-M8', '5.90'], ['FST-WSH-M8', '4.50'], ['TLS-DRL-18V', '169.00'], ['TLS-GRN-125', '115.00'], ['SAF-GLV-L', '52.00'],
];

/**
 * The small data set of the embedded default: a seller, two buyer organisations (one with a
 * division) with business accounts, a dozen SKUs, and one member group, price list and product
 * set. Idempotent: running it again changes nothing (reference data edited since is kept).
 */
export async function seedDemoData(dataSource: DataSource, hashPassword: (password: string) => Promise<string>): Promise<void> {
  await dataSource.transaction(async (m) => {
    const orgs: [dn: string, name: string, parent: string | null][] = [
      ['o=Root Organization', 'Root Organization', null],
      [DEMO_SELLER, 'Acme Industrial Supply', 'o=Root Organization'],
      [DEMO_BUYERS.northwind, 'Northwind Fabrication', 'o=Root Organization'],
      [DEMO_BUYERS.northwindEast, 'Northwind East Division', DEMO_BUYERS.northwind],
      [DEMO_BUYERS.contoso, 'Contoso Builders', 'o=Root Organization'],
    ];
    for (const [dn, name, parent] of orgs) {
      await m.query(`INSERT INTO organizations (dn, name, parent_dn) VALUES ($1,$2,$3) ON CONFLICT (dn) DO NOTHING`, [dn, name, parent]);
    }
    // Escalations go to manager2; contract requests are mailed to the sales desk and become rep1's drafts.
    await m.query(
      `UPDATE organizations SET fallback_approver = COALESCE(fallback_approver, 'manager2'),
         contract_request_email = COALESCE(contract_request_email, 'sales@acme.example'),
         contract_request_owner = COALESCE(contract_request_owner, 'rep1') WHERE dn = $1`,
      [DEMO_SELLER],
    );
    for (const [name, buyer] of [['Northwind Fabrication', DEMO_BUYERS.northwind], ['Contoso Builders', DEMO_BUYERS.contoso]]) {
      await m.query(`INSERT INTO business_accounts (name, seller_dn, buyer_dn) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`, [name, DEMO_SELLER, buyer]);
    }
    for (const [sku, name, price, categories] of PRODUCTS) {
      await m.query(`INSERT INTO products (sku, name, list_price, currency, categories) VALUES ($1,$2,$3,'USD',$4) ON CONFLICT (sku) DO NOTHING`, [sku, name, price, categories]);
    }
    const [group] = await m.query(`INSERT INTO member_groups (name, description) VALUES ($1, 'Distributors buying at list-based prices') ON CONFLICT DO NOTHING RETURNING name`, [DEMO_REFERENCE.memberGroup]);
    if (group) await m.query(`INSERT INTO member_group_members (group_name, organization_dn) VALUES ($1, $2)`, [DEMO_REFERENCE.memberGroup, DEMO_BUYERS.northwind]);
    const [list] = await m.query(`INSERT INTO price_lists (name, description) VALUES ($1, 'Distributor prices, USD') ON CONFLICT DO NOTHING RETURNING name`, [DEMO_REFERENCE.priceList]);
    if (list) {
      await m.query(`INSERT INTO price_list_prices (price_list, currency, sku, price) SELECT $1, 'USD', s, p::numeric FROM unnest($2::text[], $3::text[]) AS u(s, p)`,
        [DEMO_REFERENCE.priceList, DISTRIBUTOR_PRICES.map(([sku]) => sku), DISTRIBUTOR_PRICES.map(([, price]) => price)]);
    }
    const [set] = await m.query(`INSERT INTO product_sets (name, description) VALUES ($1, 'Cordless and corded power tools') ON CONFLICT DO NOTHING RETURNING name`, [DEMO_REFERENCE.productSet]);
    if (set) await m.query(`INSERT INTO product_set_members (product_set, kind, code) VALUES ($1, 'category', 'power-tools')`, [DEMO_REFERENCE.productSet]);
  });
  const existing: { username: string }[] = await dataSource.query(`SELECT username FROM users WHERE username = ANY($1)`, [DEMO_USERS.map((u) => u.username)]);
  const have = new Set(existing.map((r) => r.username));
  for (const u of DEMO_USERS.filter((x) => !have.has(x.username))) {
    await dataSource.query(
      `INSERT INTO users (username, password_hash, roles, display_name, email, organization_dn, is_demo) VALUES ($1,$2,$3,$4,$5,$6,true) ON CONFLICT (username) DO NOTHING`,
      [u.username, await hashPassword('demo'), u.roles, u.displayName, `${u.username}@acme.example`, u.organizationDn],
    );
  }
}
