import { parseExtract } from '../../../../src/domain/extract';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractInputFromForm, filledRows, formFieldOfPath, formValuesOf, isRequiredFormField, signerValuesOf } from '../../../../src/server/pages/extract-form';

const FORM = {
  body: 'Hägersten-Älvsjö stadsdelsnämnd', meetingDate: '2023-09-21', paragraphs: '§ 12, 13a', title: 'Trygghetsprogram', subtitle: ' ',
  caseNumber: 'HÄ 2023/418', storageLocation: 'Registraturen', decision: 'Nämnden godkänner.', summary: '', decisionProcess: '',
  chairName: 'Johan Nilsson', chairPersonnummer: '19650412-7793', chairEmail: 'johan.nilsson@example.org',
  adjuster1Name: 'Sara Grolander', adjuster1Personnummer: '19821105-4427', adjuster1Email: '',
  adjuster2Name: '', adjuster2Personnummer: '', adjuster2Email: '',
  secretaryName: 'Karin Sekreterare', secretaryEmail: 'karin@example.org', signingOrder: 'chair-last',
};

describe('the secretary’s extract form', () => {
  test('fields become an extract parseExtract accepts; empty optional fields and an empty second justerare are left out', () => {
    const extract = parseExtract(extractInputFromForm(FORM));
    expect(extract.paragraphs).toEqual(['12', '13a']);
    expect(extract.subtitle).toBeUndefined();
    expect(extract.sections.summary).toBeUndefined();
    expect(extract.participants.adjusters).toEqual([{ name: 'Sara Grolander', personnummer: '198211054427' }]);
    expect(extract.participants.chair.email).toBe('johan.nilsson@example.org');
    expect(extract.signingOrder).toBe('chair-last');
  });

  test('a stored extract fills the signer fields back, personnummer written with a dash', () => {
    const values = signerValuesOf(parseExtract(extractInputFromForm({ ...FORM, adjuster2Name: 'Åsa Öberg', adjuster2Email: 'asa.oberg@example.org' })));
    expect(values).toMatchObject({ chairPersonnummer: '19650412-7793', adjuster1Name: 'Sara Grolander', adjuster2Name: 'Åsa Öberg', adjuster2Email: 'asa.oberg@example.org' });
    expect(parseExtract(extractInputFromForm({ ...FORM, ...values })).participants.adjusters).toHaveLength(2);
  });

  test('a validation error points at the form field that holds the value', () => {
    let field: string | undefined;
    try {
      parseExtract(extractInputFromForm({ ...FORM, adjuster1Personnummer: '19821105-4420' }));
    } catch (error) {
      field = (error as { field?: string }).field;
    }
    expect(formFieldOfPath(field)).toBe('adjuster1Personnummer');
    expect(formFieldOfPath('participants.adjusters.1.email')).toBe('adjuster2Email');
    expect(formFieldOfPath('participants.chair')).toBe('chairName');
    expect(formFieldOfPath('sections.decision')).toBe('decision');
    expect(formFieldOfPath('paragraphs.1')).toBe('paragraphs');
    expect(formFieldOfPath('documents.0.id')).toBe('document1Id');
    expect(formFieldOfPath('documents.3')).toBe('document4Id');
    expect(formFieldOfPath('sections.statements.1.party')).toBe('statement2Party');
    expect(formFieldOfPath('sections.extraSections.0.text')).toBe('section1Text');
    expect(formFieldOfPath('sections')).toBe('decision');
    expect(formFieldOfPath('deadline')).toBe('deadline');
    expect(formFieldOfPath('colour')).toBeUndefined();
  });

  test('every part of a stored extract goes into the form and comes back unchanged', () => {
    const example = parseExtract(readFileSync(join(__dirname, '../../../../examples/extract-ha-2023-418-p12.json'), 'utf8'));
    const full = { ...example, deadline: '2023-10-06', immediateAdjustment: true, locale: 'en' as const, sections: { ...example.sections, extraSections: [{ heading: 'Bilaga', text: 'En bilaga.' }] } };
    const values = formValuesOf(full);
    expect(filledRows(values, 'statement')).toBe(2);
    expect(filledRows(values, 'document')).toBe(4);
    expect(parseExtract(extractInputFromForm(values))).toEqual(full);
  });

  test('an empty row is left out; a row with something written in it is kept and checked', () => {
    const kept = extractInputFromForm({ ...FORM, statement1Kind: '', statement1Author: '', statement2Author: 'Per Persson', document1Id: ' ' }) as { sections: { statements: unknown[] }; documents: unknown[] };
    expect(kept.sections.statements).toEqual([{ kind: '', author: 'Per Persson', text: '' }]);
    expect(kept.documents).toEqual([]);
  });

  test('marks as required the fields whose values the extract cannot go without', () => {
    const fields = Object.keys(FORM).filter((name) => name !== 'signingOrder');
    expect(fields.filter(isRequiredFormField)).toEqual(['body', 'meetingDate', 'paragraphs', 'title', 'caseNumber', 'storageLocation', 'decision', 'chairName', 'adjuster1Name', 'secretaryName']);
    expect(() => isRequiredFormField('statement1Text')).toThrow(RangeError);
  });
});
