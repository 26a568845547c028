import { passwordPolicy } from '@continuum/contracts';

// A short list of the most common passwords of 12+ characters (from public breach-frequency lists);
// NIST SP 800-63B §5.1.1.2 asks verifiers to refuse commonly used or expected passwords.
const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  'qwertyuiop12',
  'qwertyuiopas',
  'iloveyou1234',
  'administrator',
  'welcome12345',
  'letmein12345',
  'passw0rd1234',
  'changeme1234',
  'abcdefghijkl',
  '111111111111',
  '000000000000',
  'aaaaaaaaaaaa',
  'password!234',
  'football1234',
  'baseball1234',
  'superman1234',
  'trustno11234',
  'monkey123456',
  'dragon123456',
  'sunshine1234',
  'princess1234',
  'starwars1234',
  'continuum123',
  'continuum1234',
]);

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-email' | 'repetitive';

const explanations: Record<PasswordProblem, string> = {
  'too-short': `Use at least ${passwordPolicy.minLength} characters.`,
  'too-long': `Use at most ${passwordPolicy.maxLength} characters.`,
  common: 'This password is too common; choose another.',
  'contains-email': 'The password must not contain your email name.',
  repetitive: 'The password must not be one character repeated.',
};

/** NIST SP 800-63B-style policy: length over composition rules, plus a block list. */
export function checkPassword(password: string, email: string): { ok: true } | { ok: false; problem: PasswordProblem; message: string } {
  const fail = (problem: PasswordProblem) => ({ ok: false as const, problem, message: explanations[problem] });
  if ([...password].length < passwordPolicy.minLength) return fail('too-short');
  if (password.length > passwordPolicy.maxLength) return fail('too-long');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return fail('common');
  if (/^(.)\1*$/u.test(password)) return fail('repetitive');
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && lower.includes(local)) return fail('contains-email');
  return { ok: true };
}
