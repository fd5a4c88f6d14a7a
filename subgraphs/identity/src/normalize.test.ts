import { GraphQLError } from 'graphql';
import { normalizeIdentifier } from './normalize';

describe('normalizeIdentifier', () => {
  it.each([
    ['  Jean.Dupont@Gmail.COM ', 'jean.dupont@gmail.com'],
    ['a+tag@sub.example.co.uk', 'a+tag@sub.example.co.uk'],
  ])('normalises email %p to %p', (raw, expected) => {
    expect(normalizeIdentifier('EMAIL', raw)).toEqual({ kind: 'EMAIL', value: expected });
  });

  it.each([
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['+33 6 12 34 56 78', 'DE', '+33612345678'],
    ['0033612345678', 'FR', '+33612345678'],
    ['07911 123456', 'GB', '+447911123456'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['612 34 56 78', 'ES', '+34612345678'],
  ])('normalises phone %p (region %p) to E.164 %p', (raw, region, expected) => {
    expect(normalizeIdentifier('PHONE', raw, region)).toEqual({ kind: 'PHONE', value: expected });
  });

  it('reads national phone numbers with the default region when the source gives none', () => {
    expect(normalizeIdentifier('PHONE', '07911 123456', undefined, { defaultRegion: 'GB' }).value).toBe(
      '+447911123456',
    );
  });

  it('normalises loyalty cards, cookies and devices', () => {
    expect(normalizeIdentifier('LOYALTY_CARD', ' 1234-5678-90ab ').value).toBe('1234567890AB');
    expect(normalizeIdentifier('COOKIE', ' GA1.2.12345.67890 ').value).toBe('GA1.2.12345.67890');
    expect(normalizeIdentifier('DEVICE', 'A1B2C3D4-0000-4000-8000-ABCDEFABCDEF').value).toBe(
      'a1b2c3d4-0000-4000-8000-abcdefabcdef',
    );
  });

  it.each([
    ['EMAIL', 'not-an-email'],
    ['EMAIL', 'a b@example.com'],
    ['EMAIL', 'name@localhost'],
    ['PHONE', '12'],
    ['PHONE', '06 12 34'],
    ['LOYALTY_CARD', 'abc'],
    ['COOKIE', 'short'],
    ['DEVICE', 'has spaces in it'],
  ] as const)('rejects %s %p with BAD_USER_INPUT naming the field', (kind, raw) => {
    let error: unknown;
    try {
      normalizeIdentifier(kind, raw, undefined, {}, 'identifiers[0].value');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'identifiers[0].value',
    });
    expect((error as GraphQLError).message).toContain(`received "${raw}"`);
  });
});
