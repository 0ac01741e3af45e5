import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short', /at least 12/],
    ['elevenchars', /at least 12/],
    ['password1234', /too common/],
    ['PASSWORD1234', /too common/],
    ['aaaaaaaaaaaaaaaa', /too simple/],
    ['abababababababab', /too simple/],
  ])('refuses %j', (password, problem) => {
    expect(passwordProblem(password)).toMatch(problem);
  });

  it('refuses a password containing the email name, counts characters not bytes, and accepts good passphrases', () => {
    expect(passwordProblem('my-dana.smith-pass', 'dana.smith@firm.test')).toMatch(/email/);
    expect(passwordProblem('🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾')).toMatch(/at least 12/); // 11 characters, 44 bytes
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Zoë Ōtani 山田 passphrase')).toBeNull();
  });
});
