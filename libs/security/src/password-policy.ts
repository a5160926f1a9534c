/** Passwords that guessing tries first; refused whatever their length (compared case-insensitively). */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', 'password1234', 'password12345', 'password123!', 'passwordpassword', 'qwertyuiop12', 'qwertyuiopasdf',
  'qwerty123456', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'iloveyou1234', 'administrator', 'letmein12345', 'welcome12345', 'welcome123!',
  'changeme1234', 'changemenow!', 'trustno1trustno1', 'abcdefghijkl', 'abc123abc123', 'aaaaaaaaaaaa', '111111111111', '000000000000',
  'monkey123456', 'football1234', 'baseball1234', 'superman1234', 'sunshine1234', 'princess1234', 'starwars1234', 'dragon123456',
  'mustang12345', 'master123456', 'shadow123456', 'michael12345', 'correcthorsebatterystaple', 'correct horse battery staple',
  'demodemodemo', 'pactumpactum', 'pactum123456', 'secret123456', 'p@ssw0rd1234', 'p@ssword1234', 'passw0rd1234', 'adminadmin12',
]);

/**
 * What is wrong with a new password (nothing: undefined): at least 12 characters, not a common one,
 * not the username. The one policy of `users:add` and the admin API.
 */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < 12) return 'must be at least 12 characters';
  if (password.length > 1024) return 'must be at most 1024 characters';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'is one of the most common passwords';
  if (lower.includes(username.toLowerCase())) return 'must not contain the username';
  if (new Set(password).size < 4) return 'must use at least 4 different characters';
  return undefined;
}
