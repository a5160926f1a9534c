import { writeFileSync } from 'node:fs';
import type { ParsedArgs } from '../args';
import { API_OPTIONS_USAGE, apiGet, openCommandSession } from './api-session';

export const EXPORT_USAGE = `pactum export --id ID | --code CODE [--version MAJOR.MINOR] [-o FILE]
  Writes a contract as a WCS-style Package (GET /api/v1/contracts/{id}/export.xml) to FILE or stdout.
  With --code, the newest version unless --version names one.
${API_OPTIONS_USAGE}`;

export async function exportCommand(args: ParsedArgs, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const o = args.positional.indexOf('-o');
  const output = typeof args.options.output === 'string' ? args.options.output : o >= 0 ? args.positional[o + 1] : undefined;
  const id = typeof args.options.id === 'string' ? args.options.id : undefined;
  const code = typeof args.options.code === 'string' ? args.options.code : undefined;
  const version = typeof args.options.version === 'string' ? args.options.version : undefined;
  if (!id === !code || (o >= 0 && !output)) {
    err.write(`export: give exactly one of --id and --code${o >= 0 && !output ? ', and a FILE after -o' : ''}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  const session = await openCommandSession('export', EXPORT_USAGE, args, err);
  if (!session) return 2;
  let contractId = id;
  if (code) {
    const list = await apiGet<{ items: { id: string; version: string }[] }>(session, `/api/v1/contracts?code=${encodeURIComponent(code)}&pageSize=500`);
    const versions = list.body.items ?? [];
    const pick = version ? versions.find((v) => v.version === version)
      : [...versions].sort((a, b) => b.version.localeCompare(a.version, undefined, { numeric: true }))[0];
    if (!pick) {
      err.write(`export: no contract ${code}${version ? ` version ${version}` : ''}\n`);
      return 1;
    }
    contractId = pick.id;
  }
  const res = await fetch(`${session.baseUrl}/api/v1/contracts/${encodeURIComponent(contractId!)}/export.xml`, { headers: { authorization: `Bearer ${session.token}` } });
  const xml = await res.text();
  if (res.status !== 200) {
    err.write(`export failed: ${res.status} ${xml}\n`);
    return 1;
  }
  if (output) {
    writeFileSync(output, xml);
    err.write(`contract ${contractId} written to ${output}\n`);
  } else out.write(xml);
  return 0;
}
