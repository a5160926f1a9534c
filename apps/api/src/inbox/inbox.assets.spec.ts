import { INBOX_PAGE } from './inbox.page';
import { INBOX_SCRIPT } from './inbox.script';
import { INBOX_STYLES } from './inbox.styles';

describe('approval page assets', () => {
  it('the page has no inline script or style (the CSP forbids them) and loads its own files', () => {
    expect(INBOX_PAGE).toContain('<script src="/inbox/app.js" defer></script>');
    expect(INBOX_PAGE).toContain('<link rel="stylesheet" href="/inbox/app.css">');
    expect(INBOX_PAGE).not.toMatch(/<script>(?!<\/script>)|<style|\son[a-z]+=|style="/i);
  });

  it('the script is valid JavaScript', () => {
    expect(() => new Function(INBOX_SCRIPT)).not.toThrow();
  });

  it('every form control of the page has a label', () => {
    for (const [, id] of INBOX_PAGE.matchAll(/<input[^>]*\sid="([^"]+)"/g)) {
      expect(INBOX_PAGE).toMatch(new RegExp(`<label[^>]*for="${id}"|<label[^>]*>\\s*<input[^>]*id="${id}"`));
    }
  });

  it('long names wrap and focus stays visible', () => {
    expect(INBOX_STYLES).toContain('overflow-wrap: anywhere');
    expect(INBOX_STYLES).toContain(':focus-visible');
  });
});
