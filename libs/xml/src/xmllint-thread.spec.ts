import { loadPackageSchemas } from './xsd-validator';
import { XmllintThread } from './xmllint-thread';

const NS = 'http://www.ibm.com/WebSphereCommerce';
const schemas = loadPackageSchemas();

/** xmllint over one document against the Package schema. */
function request(xml: string) {
  return {
    inputFiles: [{ fileName: 'doc.xml', contents: xml }, schemas.main, ...schemas.imports],
    args: ['--schema', schemas.main.fileName, '--noout', 'doc.xml'],
    initialMemoryPages: 256,
    maxMemoryPages: 4096,
  };
}
const valid = `<Package xmlns="${NS}"></Package>`;
const invalid = (n: number) => `<Package xmlns="${NS}">\n${'\n'.repeat(n)}<Nonsense/></Package>`;

describe('XmllintThread', () => {
  const thread = new XmllintThread(100);
  afterAll(() => thread.close());

  it('answers each run with its own outcome, one thread for many runs in flight', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => thread.run(i % 2 ? request(invalid(i)) : request(valid))));
    outcomes.forEach((o, i) => {
      if (i % 2 === 0) {
        expect(o.exitCode).toBe(0);
      } else {
        expect([3, 4]).toContain(o.exitCode);
        // The error sits on the run's own line: runs do not leak into one another.
        expect(o.stderr).toContain(`doc.xml:${i + 2}: `);
        expect(o.stderr).toContain('Nonsense');
      }
    });
  });

  it('ends the thread after a while without work, and starts it again for the next run', async () => {
    await thread.run(request(valid));
    expect(thread.running).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(thread.running).toBe(false);
    expect((await thread.run(request(invalid(0)))).exitCode).not.toBe(0);
    expect(thread.running).toBe(true);
  });

  it('fails the runs still waiting when the thread is closed, and works again afterwards', async () => {
    const waiting = thread.run(request(valid));
    await thread.close();
    await expect(waiting).rejects.toThrow(/xmllint thread ended/);
    expect((await thread.run(request(valid))).exitCode).toBe(0);
  });

  it('a thread that ends fails only its own runs: a run sent while the old one is still exiting goes to a new thread', async () => {
    await thread.run(request(valid));
    const closing = thread.close();
    const next = thread.run(request(valid));
    await closing;
    expect((await next).exitCode).toBe(0);
  });
});
