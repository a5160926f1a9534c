import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('violet-kettle-43-orbit', 'ops1')).toBeUndefined();
  });

  it.each([
    ['short', 'at least 12'],
    ['Password1234', 'common'],
    ['correct horse battery staple', 'common'],
    ['ops1ops1ops1ops1', 'username'],
    ['abababababab', '4 different'],
  ])('refuses %s (%s)', (password, reason) => {
    expect(passwordProblem(password, 'ops1')).toContain(reason);
  });
});
