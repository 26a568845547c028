import { describe, expect, it } from 'vitest';
import { fieldErrorMap } from './api-error.ts';

describe('fieldErrorMap', () => {
  it.each([
    ['body.name', 'name'],
    ['body.roles.0', 'roles'],
    ['query.q', 'q'],
    ['querystring.from', 'from'],
    ['email', 'email'],
  ])('maps %s to the form field %s', (path, field) => {
    expect(Object.keys(fieldErrorMap([{ path, message: 'x' }]))).toEqual([field]);
  });

  it('keeps the first message for a field', () => {
    expect(
      fieldErrorMap([
        { path: 'body.roles.0', message: 'first' },
        { path: 'body.roles.1', message: 'second' },
      ]),
    ).toEqual({ roles: 'first' });
  });
});
