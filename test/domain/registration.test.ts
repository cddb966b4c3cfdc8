// The ULN names one learner (Learning Records Service, "LRS: unique learner numbers"): the
// identity rule and what a registration becomes beside an active record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registrationRoute } from '../../src/domain/registration/clash.ts';
import { familyNameKey, identityKey, identityMismatch, sameLearner, ULN_IDENTITY_SOURCE } from '../../src/domain/registration/identity.ts';

const ULN = '1234567899';
const ada = { familyName: 'Lovelace', dateOfBirth: '2005-03-01' };

describe('the same ULN is the same person', () => {
  it('compares family names without case, accents, spacing or punctuation', () => {
    for (const [a, b] of [
      ['Lovelace', 'LOVELACE'],
      ['  Lovelace ', 'lovelace'],
      ['Zoë', 'Zoe'],
      ['Ćwikła', 'cwikla'],
      ['Ó Briain', 'o briain'],
      ['O’Brien', "O'Brien"],
      ["O'Brien", 'OBRIEN'],
      ['Smith-Jones', 'Smith Jones'],
      ['Núñez', 'NUNEZ'],
      ['Østergård', 'Ostergard'],
      ['Weiß', 'WEISS'],
    ])
      expect(sameLearner({ familyName: a as string, dateOfBirth: '2005-03-01' }, { familyName: b as string, dateOfBirth: '2005-03-01' }), `${a} = ${b}`).toBe(
        true,
      );
  });

  it('tells different family names apart, and different dates of birth', () => {
    expect(sameLearner(ada, { familyName: 'Lovelaces', dateOfBirth: '2005-03-01' })).toBe(false);
    expect(sameLearner(ada, { familyName: 'Smith-Lovelace', dateOfBirth: '2005-03-01' })).toBe(false);
    expect(sameLearner(ada, { familyName: 'Lovelace', dateOfBirth: '2005-03-02' })).toBe(false);
    expect(sameLearner(ada, { familyName: 'Lovelace', dateOfBirth: '2005-01-03' })).toBe(false);
  });

  it('keys a person by family name and date of birth', () => {
    expect(identityKey({ familyName: 'Ó Briain-Núñez', dateOfBirth: '2004-12-09' })).toBe('obriainnunez|2004-12-09');
    fc.assert(
      fc.property(fc.string(), (name) => {
        const key = familyNameKey(name);
        expect(familyNameKey(key)).toBe(key); // the key is its own key
        expect(familyNameKey(name.toUpperCase())).toBe(familyNameKey(name.toLowerCase()));
        expect(key).toMatch(/^[a-z0-9]*$/);
      }),
    );
  });

  it('refuses a ULN on record for a different person, saying nothing about who', () => {
    const finding = identityMismatch(ULN, { familyName: 'Hopper', dateOfBirth: '2005-03-01' }, [ada]);
    expect(finding).toEqual({
      code: 'ULN_IDENTITY_MISMATCH',
      message: 'this ULN is registered to a different person: check the ULN, family name and date of birth against the ILR',
      source: ULN_IDENTITY_SOURCE,
    });
    expect(JSON.stringify(finding)).not.toMatch(/lovelace|2005-03-01/i);
    expect(identityMismatch(ULN, { familyName: 'Lovelace', dateOfBirth: '2006-03-01' }, [ada])?.code).toBe('ULN_IDENTITY_MISMATCH');
    // Any person on record who differs is enough.
    expect(identityMismatch(ULN, ada, [ada, { familyName: 'Hopper', dateOfBirth: '2005-03-01' }])?.code).toBe('ULN_IDENTITY_MISMATCH');
  });

  it('accepts the same person (however the name is keyed) and a ULN not yet on record', () => {
    expect(identityMismatch(ULN, { familyName: 'LOVELACE', dateOfBirth: '2005-03-01' }, [ada, ada])).toBeNull();
    expect(identityMismatch(ULN, ada, [])).toBeNull();
  });

  it('exempts the temporary ULN, which many people share while their real ULN is awaited', () => {
    expect(identityMismatch('9999999999', { familyName: 'Hopper', dateOfBirth: '2001-01-01' }, [ada])).toBeNull();
  });
});

describe('a registration beside an active EPA record for the standard', () => {
  it('registers when none is active, is a duplicate for the same provider, and is held for the EPAO otherwise', () => {
    expect(registrationRoute(ULN, 'provider-a', null)).toBe('register');
    expect(registrationRoute(ULN, 'provider-a', { providerId: 'provider-a' })).toBe('duplicate');
    expect(registrationRoute(ULN, 'provider-b', { providerId: 'provider-a' })).toBe('hold');
  });

  it('never holds the temporary ULN', () => {
    expect(registrationRoute('9999999999', 'provider-b', { providerId: 'provider-a' })).toBe('register');
  });
});
