import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExtract } from '../../../src/domain/extract';
import { allFields, requiredFields, requiredSigners, roleLabel, roleOfField } from '../../../src/domain/roles';

const example = JSON.parse(readFileSync(join(__dirname, '../../../examples/extract-ha-2023-418-p12.json'), 'utf8')) as Record<string, any>;

describe('roles', () => {
  it('requires the ordförande and each justerare, in field order', () => {
    const extract = parseExtract(example);
    expect(requiredFields(extract)).toEqual(['ordforande', 'justerare-1']);
    expect(requiredSigners(extract).map((s) => [s.field, s.role, s.person.name])).toEqual([
      ['ordforande', 'chair', 'Johan Nilsson'],
      ['justerare-1', 'adjuster', 'Sara Grolander'],
    ]);
    expect(allFields(extract)).toEqual(['sigill', 'ordforande', 'justerare-1', 'tidsstampel']);
  });

  it('names a second justerare field when the extract has two', () => {
    const two = structuredClone(example);
    two.participants.adjusters.push({ name: 'Åsa Öberg', email: 'asa.oberg@example.org' });
    expect(requiredFields(parseExtract(two))).toEqual(['ordforande', 'justerare-1', 'justerare-2']);
  });

  it('maps field names back to roles and labels', () => {
    expect(roleOfField('ordforande')).toBe('chair');
    expect(roleOfField('justerare-2')).toBe('adjuster');
    expect(roleOfField('sigill')).toBe('seal');
    expect(roleOfField('tidsstampel')).toBe('document-timestamp');
    expect(roleOfField('justerare-3')).toBeUndefined();
    expect(roleLabel('chair')).toBe('Ordförande');
    expect(roleLabel('adjuster', 'en')).toBe('Adjuster');
    expect(roleLabel('seal')).toBe('Sigill');
  });
});
