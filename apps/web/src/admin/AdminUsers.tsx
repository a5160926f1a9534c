import { useEffect, useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { Field, PageHeading, useFail, useLoad, useSay } from '../ui';
import { session } from '../session';
import { ROLE_CHOICES, errorsByField, invalid, type Role } from './forms';

type AdminUser = components['schemas']['AdminUser'];
type ChangeRequest = components['schemas']['AdminUserChangeRequest'];

function RoleChoices({ prefix, chosen, onChange, error }: { prefix: string; chosen: Role[]; onChange: (roles: Role[]) => void; error?: string }) {
  return (
    <fieldset className={`roles${error ? ' invalid' : ''}`} aria-describedby={error ? `${prefix}-roles-error` : undefined}>
      <legend>Roles</legend>
      {ROLE_CHOICES.map(({ role, label }) => (
        <label key={role} className="check">
          <input type="checkbox" name="roles" value={role} checked={chosen.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, role] : chosen.filter((r) => r !== role))} />
          {label}
        </label>
      ))}
      {error ? <span id={`${prefix}-roles-error`} className="field-error" role="alert">{error}</span> : null}
    </fieldset>
  );
}

/** The organisations a user may work for, offered as suggestions (any known organisation is accepted). */
function OrganizationOptions({ id }: { id: string }) {
  const { data } = useLoad(() => ok(api.GET('/api/v1/admin/organizations')), []);
  return <datalist id={id}>{(data ?? []).map((o) => <option key={o.dn} value={o.dn}>{o.name}</option>)}</datalist>;
}

/**
 * Users and roles (#/admin/users, admins): every user, adding one, and changing one's roles,
 * organisation, name, e-mail, active flag or password, with the rules of `pactum users:add`;
 * the API's refusals show at their fields.
 */
export function AdminUsers() {
  const say = useSay();
  const fail = useFail();
  const { data: users, reload } = useLoad(() => ok(api.GET('/api/v1/admin/users')), []);
  const [editing, setEditing] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [roles, setRoles] = useState<Role[]>([]);
  const [busy, setBusy] = useState(false);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = new FormData(form);
    const text = (k: string) => String(v.get(k) ?? '').trim();
    const body: components['schemas']['AdminUserCreateRequest'] = { username: text('username'), password: String(v.get('password') ?? ''), roles };
    if (text('organization')) body.organization = text('organization');
    if (text('displayName')) body.displayName = text('displayName');
    if (text('email')) body.email = text('email');
    setBusy(true);
    setErrors({});
    try {
      const created = await ok(api.POST('/api/v1/admin/users', { body }));
      form.reset();
      setRoles([]);
      reload();
      say(`User ${created.username} added with the roles ${created.roles.join(', ')}: they can sign in now.`, 'ok');
    } catch (err) {
      setErrors(errorsByField(err));
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const editedUser = users?.find((u) => u.username === editing);
  return (
    <section id="admin-users">
      <PageHeading>Users and roles</PageHeading>
      <p>Who may sign in, and what they may do. A new password, new roles, another organisation or deactivation signs the user out at once.</p>

      <h2 id="users-heading">Users</h2>
      {users ? (
        <table className="inbox admin-users" aria-labelledby="users-heading">
          <thead>
            <tr><th scope="col">User</th><th scope="col">Roles</th><th scope="col">Organisation</th><th scope="col">Active</th><th scope="col"><span className="sr">Action</span></th></tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.username} data-username={u.username} className={u.active ? undefined : 'inactive'}>
                <td data-label="User"><div><strong>{u.username}</strong>{u.displayName ? <><br />{u.displayName}</> : null}{u.email ? <><br /><span className="muted">{u.email}</span></> : null}</div></td>
                <td data-label="Roles">{u.roles.join(', ')}</td>
                <td data-label="Organisation" className="value">{u.organization ?? '\u2014'}</td>
                <td data-label="Active">{u.active ? 'yes' : 'no'}</td>
                <td data-label="Action">
                  <button type="button" className="small" aria-expanded={editing === u.username} aria-controls="edit-user"
                    aria-label={`Edit ${u.username}`} onClick={() => setEditing(editing === u.username ? undefined : u.username)}>Edit</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {editedUser ? <EditUser key={editedUser.username} user={editedUser} onSaved={(u) => { reload(); say(`User ${u.username} saved.`, 'ok'); }} onClose={() => setEditing(undefined)} /> : null}

      <form id="add-user" className="card" onSubmit={add} noValidate>
        <h2>Add a user</h2>
        <div className="grid2">
          <Field id="new-username" label="User name" error={errors.username} hint="2–64 letters, digits, “.”, “_”, “@” or “-”.">
            <input id="new-username" name="username" autoComplete="off" required {...invalid('new-username', errors.username, true)} />
          </Field>
          <Field id="new-password" label="Password" error={errors.password} hint="At least 12 characters, not a common password, not containing the user name.">
            <input id="new-password" name="password" type="password" autoComplete="new-password" required {...invalid('new-password', errors.password, true)} />
          </Field>
          <Field id="new-displayName" label="Name (optional)" error={errors.displayName}>
            <input id="new-displayName" name="displayName" autoComplete="off" {...invalid('new-displayName', errors.displayName)} />
          </Field>
          <Field id="new-email" label="E-mail (optional)" error={errors.email}>
            <input id="new-email" name="email" type="email" autoComplete="off" {...invalid('new-email', errors.email)} />
          </Field>
          <Field id="new-organization" label="Organisation" error={errors.organization} hint="The seller organisation's DN; required for sales managers and representatives.">
            <input id="new-organization" name="organization" list="new-organization-options" autoComplete="off" {...invalid('new-organization', errors.organization, true)} />
          </Field>
          <OrganizationOptions id="new-organization-options" />
          <div className="wide"><RoleChoices prefix="new" chosen={roles} onChange={setRoles} error={errors.roles} /></div>
        </div>
        <button type="submit" className="primary" disabled={busy}>Add user</button>
      </form>
    </section>
  );
}

function EditUser({ user, onSaved, onClose }: { user: AdminUser; onSaved: (u: AdminUser) => void; onClose: () => void }) {
  const fail = useFail();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const self = session.get()?.user === user.username;
  // Opened from a row's Edit button: keyboard users continue in the form.
  useEffect(() => { document.getElementById('edit-displayName')?.focus(); }, []);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = new FormData(form);
    const text = (k: string) => String(v.get(k) ?? '').trim();
    // Only what changed is sent: a PATCH of an unchanged password or roles would sign the user out for nothing.
    const body: ChangeRequest = {};
    if (roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r))) body.roles = roles;
    if (text('organization') !== (user.organization ?? '')) body.organization = text('organization') || null;
    if (text('displayName') !== (user.displayName ?? '')) body.displayName = text('displayName') || null;
    if (text('email') !== (user.email ?? '')) body.email = text('email') || null;
    const active = v.get('active') === 'on';
    if (active !== user.active) body.active = active;
    const password = String(v.get('password') ?? '');
    if (password) body.password = password;
    setBusy(true);
    setErrors({});
    try {
      const saved = await ok(api.PATCH('/api/v1/admin/users/{username}', { params: { path: { username: user.username } }, body }));
      form.querySelector<HTMLInputElement>('#edit-password')!.value = '';
      onSaved(saved);
    } catch (err) {
      setErrors(errorsByField(err));
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="edit-user" className="card" onSubmit={save} noValidate aria-labelledby="edit-user-heading">
      <h2 id="edit-user-heading">Edit {user.username}</h2>
      <div className="grid2">
        <Field id="edit-displayName" label="Name" error={errors.displayName}>
          <input id="edit-displayName" name="displayName" defaultValue={user.displayName ?? ''} autoComplete="off" {...invalid('edit-displayName', errors.displayName)} />
        </Field>
        <Field id="edit-email" label="E-mail" error={errors.email}>
          <input id="edit-email" name="email" type="email" defaultValue={user.email ?? ''} autoComplete="off" {...invalid('edit-email', errors.email)} />
        </Field>
        <Field id="edit-organization" label="Organisation" error={errors.organization}>
          <input id="edit-organization" name="organization" list="edit-organization-options" defaultValue={user.organization ?? ''} autoComplete="off" {...invalid('edit-organization', errors.organization)} />
        </Field>
        <OrganizationOptions id="edit-organization-options" />
        <Field id="edit-password" label="New password (optional)" error={errors.password} hint="Empty: unchanged. Setting one signs the user out.">
          <input id="edit-password" name="password" type="password" autoComplete="new-password" {...invalid('edit-password', errors.password, true)} />
        </Field>
        <div className="wide"><RoleChoices prefix="edit" chosen={roles} onChange={setRoles} error={errors.roles} /></div>
        <div className="wide field">
          <label className="check">
            <input type="checkbox" name="active" id="edit-active" defaultChecked={user.active} {...invalid('edit-active', errors.active)} />
            Active: may sign in{self ? ' (you cannot deactivate yourself)' : ''}
          </label>
          {errors.active ? <span id="edit-active-error" className="field-error" role="alert">{errors.active}</span> : null}
        </div>
      </div>
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>Save {user.username}</button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </form>
  );
}
