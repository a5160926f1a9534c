import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** One xmllint run: files in its in-memory file system and its command line. */
export interface XmllintRun {
  inputFiles: { fileName: string; contents: string | Uint8Array }[];
  args: string[];
  /** WASM memory of the run, in 64 KiB pages. */
  initialMemoryPages: number;
  maxMemoryPages: number;
}

export interface XmllintOutcome {
  /** xmllint's exit code: 0 valid, 3 or 4 invalid, anything else an error of its own. */
  exitCode: number;
  stderr: string;
}

/**
 * The thread's code. Each run instantiates xmllint from the module compiled once by the parent
 * (a fresh instance and memory, so nothing carries over between runs) and runs its main().
 * Runs are taken one at a time.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const createXmllint = require(workerData.xmllintScript);
const compiled = workerData.compiled;
let queue = Promise.resolve();
function run(request) {
  return new Promise((resolve) => {
    let stderr = '';
    let done = false;
    const finish = (exitCode) => { if (!done) { done = true; resolve({ exitCode, stderr }); } };
    // xmllint's main() ends through onExit; a run that ends any other way is an error, never "valid".
    const failed = (why) => { stderr += why + '\\n'; finish(-1); };
    try {
      createXmllint({
        inputFiles: request.inputFiles,
        arguments: request.args,
        print() {},
        printErr(text) { stderr += text + '\\n'; },
        onExit: finish,
        onAbort(reason) { failed('WASM abort: ' + reason); },
        wasmMemory: new WebAssembly.Memory({ initial: request.initialMemoryPages, maximum: request.maxMemoryPages }),
        instantiateWasm(imports, receive) {
          const instance = new WebAssembly.Instance(compiled, imports);
          receive(instance, compiled);
          return instance.exports;
        },
      }).then(
        () => failed('xmllint ended without an exit code'),
        (err) => (err && typeof err.status === 'number' ? finish(err.status) : failed(String(err && err.stack || err))),
      );
    } catch (err) {
      failed(String(err && err.stack || err));
    }
  });
}
parentPort.on('message', (message) => {
  if (!message || message.pactumXmllint !== true) return;
  queue = queue.then(() => run(message.run)).then((outcome) => parentPort.postMessage({ pactumXmllint: true, id: message.id, outcome }));
});
`;

/** The global WebAssembly object (Node's type definitions here do not declare it). */
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly;

interface Pending {
  resolve: (outcome: XmllintOutcome) => void;
  reject: (err: Error) => void;
}

/**
 * xmllint (libxml2 compiled to WASM, from xmllint-wasm) in one long-lived worker thread. The
 * package's own validateXML starts a thread and compiles the WASM module for every call: about
 * 130 ms of CPU, against about 19 ms for the same small document here, where the module is
 * compiled once and each run only instantiates it. The thread ends after a while without work,
 * which also frees the memories of its past runs; it keeps the process alive only while runs wait.
 */
export class XmllintThread {
  private worker?: Worker;
  /** The current thread's waiting runs (a thread that ends fails only its own). */
  private pending = new Map<number, Pending>();
  private compiled?: object;
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly idleMs = 10_000) {}

  run(request: XmllintRun): Promise<XmllintOutcome> {
    const worker = this.started();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const id = this.nextId++;
    // Held while runs wait (a process whose only work is a run must not exit under it).
    if (this.pending.size === 0) worker.ref();
    return new Promise<XmllintOutcome>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ pactumXmllint: true, id, run: request });
    });
  }

  /** Whether the thread is up (it ends after `idleMs` without work). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Ends the thread now (runs still waiting fail). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    this.compiled ??= new wasm.Module(readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { xmllintScript: require.resolve('xmllint-wasm/xmllint-node.js'), compiled: this.compiled },
    });
    const pending = new Map<number, Pending>();
    worker.on('message', (message: { pactumXmllint?: boolean; id: number; outcome: XmllintOutcome }) => {
      if (!message || message.pactumXmllint !== true) return;
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.resolve(message.outcome);
      if (pending.size === 0 && this.worker === worker) {
        worker.unref();
        this.idleTimer = setTimeout(() => void this.close(), this.idleMs).unref();
      }
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the xmllint thread ended (exit code ${code})`)));
    // Unreferenced when idle (after the listeners: attaching a 'message' listener refs it again).
    worker.unref();
    this.worker = worker;
    this.pending = pending;
    return worker;
  }
}
