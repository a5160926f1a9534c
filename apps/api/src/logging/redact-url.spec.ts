import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('hides the token of an action link, on GET and POST paths alike', () => {
    expect(redactUrl('/actions/eyJhbGciOiJIUzI1NiJ9.eyJjIjoiMSJ9.c2ln')).toBe('/actions/[redacted]');
    expect(redactUrl('/actions/eyJhbGci.x.y?lang=en')).toBe('/actions/[redacted]?lang=en');
  });

  it('hides the values of credential query parameters and keeps the others', () => {
    expect(redactUrl('/api/v1/contracts?code=A&token=abc&Password=p%20w&signature=s&page=2'))
      .toBe('/api/v1/contracts?code=A&token=[redacted]&Password=[redacted]&signature=[redacted]&page=2');
    expect(redactUrl('/x?access_token=t')).toBe('/x?access_token=[redacted]');
  });

  it('leaves other paths unchanged, including ones that merely contain "actions"', () => {
    expect(redactUrl('/api/v1/contracts/1/history')).toBe('/api/v1/contracts/1/history');
    expect(redactUrl('/api/v1/transactions/abc')).toBe('/api/v1/transactions/abc');
  });
});
