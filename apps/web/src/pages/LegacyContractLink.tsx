import { useEffect } from 'react';

/** An old link (#contract/<id>, from mails sent before the app): replaced by #/contracts/<id> in the history. */
export function LegacyContractLink({ id }: { id: string }) {
  useEffect(() => { location.replace(`#/contracts/${encodeURIComponent(id)}`); }, [id]);
  return null;
}
