import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api/client';
import { session } from './session';

export type Tone = 'ok' | 'error' | '';
interface Message { text: string; tone: Tone }
const MessageContext = createContext<(text: string, tone?: Tone) => void>(() => undefined);

/** The page's status line (role=status, announced by screen readers). */
export function MessageProvider({ children, route }: { children: ReactNode; route: string }) {
  const [message, setMessage] = useState<Message>({ text: '', tone: '' });
  const say = useCallback((text: string, tone: Tone = '') => setMessage({ text, tone }), []);
  useEffect(() => setMessage({ text: '', tone: '' }), [route]);
  useEffect(() => session.subscribe((_s, text) => { if (text) setMessage({ text, tone: 'error' }); }), []);
  return (
    <MessageContext.Provider value={say}>
      <div id="message" className={`message ${message.tone}`} role="status" aria-live="polite">{message.text}</div>
      {children}
    </MessageContext.Provider>
  );
}

export const useSay = () => useContext(MessageContext);

/** Says what went wrong; a lost session already said so. */
export function useFail(): (err: unknown) => void {
  const say = useSay();
  return useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) return;
    say(err instanceof ApiError ? err.full : err instanceof Error ? err.message : String(err), 'error');
  }, [say]);
}

/** Loads data for a page; reloads when `deps` change or when `reload()` is called. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; reload: () => void; loading: boolean } {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fail = useFail();
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then((d) => { if (live) setData(d); }, (e) => { if (live) fail(e); }).finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [...deps, tick]);
  return { data, reload: () => setTick((t) => t + 1), loading };
}

/**
 * The page's heading: takes the focus when the page changes (unless the user is typing somewhere
 * on the new page), so keyboard and screen-reader users start at the top of what they opened.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (ref.current && (!active || active === document.body || !document.body.contains(active) || active.closest('header'))) ref.current.focus();
  }, []);
  return <h1 tabIndex={-1} ref={ref}>{children}</h1>;
}

export function Status({ value, id }: { value: string; id?: string }) {
  return <strong id={id} className={`status status-${value.toLowerCase()}`}>{value}</strong>;
}

/** A labelled form field with its error (the API's 422 detail for that field) beneath it. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <span id={`${id}-hint`} className="muted">{hint}</span> : null}
      {error ? <span id={`${id}-error`} className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}
