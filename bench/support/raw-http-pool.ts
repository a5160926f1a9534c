/**
 * A lean HTTP/1.1 keep-alive client for load generation (in the spirit of wrk): each request is one
 * prebuilt buffer (request line, headers and body) written to a socket, and each answer is parsed
 * just enough to know its status and where it ends (Content-Length). node:http builds a
 * ClientRequest, its headers and a response stream per call, which cost the benchmark's load
 * process about as much CPU as the API spent answering, on the same two cores.
 *
 * `send` queues when every connection is busy (one request in flight per connection, no
 * pipelining), like an http.Agent with maxSockets. Chunked answers are not supported: they fail
 * the request with a clear error rather than being misread.
 */
import { Socket } from 'node:net';

export interface RawAnswer { status: number; body: Buffer }

/** The bytes of one request, built once and sent as often as needed. */
export function rawRequest(method: string, host: string, path: string, headers: Record<string, string>, body?: Buffer): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body) lines.push(`content-length: ${body.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

const HEADER_END = Buffer.from('\r\n\r\n');

interface Pending { request: Buffer; resolve: (a: RawAnswer) => void; reject: (e: Error) => void }

class RawConnection {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private current: Pending | undefined;

  constructor(private readonly host: string, private readonly port: number, private readonly onIdle: (c: RawConnection) => void) {}

  send(p: Pending): void {
    this.current = p;
    const socket = this.socket ?? this.connect();
    socket.write(p.request);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.buffered = Buffer.alloc(0);
  }

  private connect(): Socket {
    const socket = new Socket();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => { if (this.socket === socket) this.onData(chunk); });
    const fail = (err: Error) => {
      // A socket this connection already replaced (closed after a `connection: close`) is history.
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.buffered = Buffer.alloc(0);
      const p = this.current;
      this.current = undefined;
      if (p) {
        p.reject(err);
        this.onIdle(this);
      }
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
    socket.connect(this.port, this.host);
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const headEnd = this.buffered.indexOf(HEADER_END);
    if (headEnd < 0) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const p = this.current;
    if (!length) {
      this.close();
      this.current = undefined;
      p?.reject(new Error(`answer without content-length (status ${status}): ${head.split('\r\n')[0]}`));
      if (p) this.onIdle(this);
      return;
    }
    const end = headEnd + HEADER_END.length + Number(length[1]);
    if (this.buffered.length < end) return;
    const body = this.buffered.subarray(headEnd + HEADER_END.length, end);
    this.buffered = this.buffered.length > end ? this.buffered.subarray(end) : Buffer.alloc(0);
    this.current = undefined;
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    p?.resolve({ status, body });
    this.onIdle(this);
  }
}

export class RawHttpPool {
  private readonly idle: RawConnection[] = [];
  private readonly all: RawConnection[] = [];
  private readonly queue: Pending[] = [];

  constructor(host: string, port: number, connections: number) {
    for (let i = 0; i < connections; i++) {
      const c = new RawConnection(host, port, (conn) => this.next(conn));
      this.all.push(c);
      this.idle.push(c);
    }
  }

  send(request: Buffer): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const p = { request, resolve, reject };
      const c = this.idle.pop();
      if (c) c.send(p);
      else this.queue.push(p);
    });
  }

  close(): void {
    for (const c of this.all) c.close();
  }

  private next(c: RawConnection): void {
    const p = this.queue.shift();
    if (p) c.send(p);
    else this.idle.push(c);
  }
}
