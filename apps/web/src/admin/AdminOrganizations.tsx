import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { Field, PageHeading, useFail, useLoad, useSay } from '../ui';
import { errorsByField, invalid } from './forms';

type SellerOrganization = components['schemas']['SellerOrganization'];
type AdminUser = components['schemas']['AdminUser'];

/**
 * The sellers' approval settings (#/admin/organizations, admins): whether a seller's contracts
 * need a sales manager's approval, and the fallback approver, chosen from the active sales managers.
 */
export function AdminOrganizations() {
  const { data: organizations, reload } = useLoad(() => ok(api.GET('/api/v1/admin/organizations')), []);
  const { data: users } = useLoad(() => ok(api.GET('/api/v1/admin/users')), []);
  const managers = (users ?? []).filter((u) => u.active && u.roles.includes('sales_manager'));
  return (
    <section id="admin-organizations">
      <PageHeading>Organisations</PageHeading>
      <p>A seller&apos;s submitted contracts wait for a sales manager of the seller (or of an organisation above it). The fallback approver gets
        the requests that no such manager can decide, and the escalations.</p>
      {organizations && users ? (
        organizations.length ? organizations.map((o, i) => <OrganizationForm key={o.dn} index={i} organization={o} managers={managers} onSaved={reload} />)
          : <p>No seller organisations yet.</p>
      ) : null}
    </section>
  );
}

function OrganizationForm({ index, organization, managers, onSaved }: { index: number; organization: SellerOrganization; managers: AdminUser[]; onSaved: () => void }) {
  const say = useSay();
  const fail = useFail();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const id = `org-${index}`;
  // The current fallback approver stays selectable even when no longer an active sales manager, so the form shows the truth.
  const current = organization.fallbackApprover;
  const choices = current && !managers.some((m) => m.username === current) ? [{ username: current, displayName: `${current} (not an active sales manager)`, organization: null }, ...managers] : managers;

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = new FormData(e.currentTarget);
    const body: components['schemas']['SellerOrganizationChangeRequest'] = {
      requiresContractApproval: v.get('requiresContractApproval') === 'on',
      fallbackApprover: String(v.get('fallbackApprover') ?? '') || null,
    };
    setBusy(true);
    setErrors({});
    try {
      const saved = await ok(api.PATCH('/api/v1/admin/organizations/{dn}', { params: { path: { dn: organization.dn } }, body }));
      onSaved();
      say(`${saved.name}: ${saved.requiresContractApproval ? 'contracts need approval' : 'contracts are deployed without approval'}; fallback approver ${saved.fallbackApprover ?? 'none'}.`, 'ok');
    } catch (err) {
      setErrors(errorsByField(err));
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card organization" onSubmit={save} noValidate aria-labelledby={`${id}-name`} data-dn={organization.dn}>
      <h2 id={`${id}-name`}>{organization.name}</h2>
      <p className="muted dn">{organization.dn}</p>
      <div className="grid2">
        <div className="field">
          <label className="check">
            <input type="checkbox" id={`${id}-approval`} name="requiresContractApproval" defaultChecked={organization.requiresContractApproval}
              {...invalid(`${id}-approval`, errors.requiresContractApproval)} />
            Contracts need a sales manager&apos;s approval
          </label>
          {errors.requiresContractApproval ? <span id={`${id}-approval-error`} className="field-error" role="alert">{errors.requiresContractApproval}</span> : null}
        </div>
        <Field id={`${id}-fallback`} label="Fallback approver" error={errors.fallbackApprover}>
          <select id={`${id}-fallback`} name="fallbackApprover" defaultValue={current ?? ''} {...invalid(`${id}-fallback`, errors.fallbackApprover)}>
            <option value="">None</option>
            {choices.map((m) => <option key={m.username} value={m.username}>{m.displayName ? `${m.displayName} (${m.username})` : m.username}{m.organization ? ` \u2013 ${m.organization}` : ''}</option>)}
          </select>
        </Field>
      </div>
      <button type="submit" className="primary" disabled={busy}>Save {organization.name}</button>
    </form>
  );
}
