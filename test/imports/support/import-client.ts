import { text } from 'node:stream/consumers';
import { generatePackage } from '@pactum/xml';
import type { HttpClient } from '../../support/http-client';

/** POSTs a Package as application/xml. */
export async function uploadXml(client: HttpClient, xml: string | Buffer, query = ''): Promise<{ status: number; body: any }> {
  const res = await fetch(`${client.baseUrl}/api/v1/imports${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', authorization: `Bearer ${client.token}` },
    body: xml,
  });
  const body = await res.text();
  let parsed: any = body;
  try { parsed = JSON.parse(body); } catch { /* not JSON */ }
  return { status: res.status, body: parsed };
}

/** Polls GET /imports/{id} until the job leaves RUNNING. */
export async function waitForImport(client: HttpClient, id: string, timeoutMs = 120_000, onPoll?: (job: any) => void | Promise<void>): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    last = (await client.get(`/api/v1/imports/${id}`)).body;
    await onPoll?.(last);
    if (last?.status && last.status !== 'RUNNING') return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} still ${last?.status} after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** A generated Package whose contract names start with `prefix` (so tests never share contracts). */
export async function generatedXml(prefix: string, contracts: number, offersPerContract: number): Promise<string> {
  return (await text(generatePackage({ contracts, offersPerContract, contractsPerAccount: 50 }))).replaceAll('GEN-', `${prefix}-`).replaceAll('name="Account ', `name="${prefix} Account `);
}
