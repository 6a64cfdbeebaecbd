import { attestationDefinition, attestationPdf, type AttestationFacts } from './attestation-pdf';

const FACTS: AttestationFacts = {
  reference: 'EQP-ABCDEFGHJKLM', verifyUrl: 'https://equipole.test/api/attestations/EQP-ABCDEFGHJKLM', issuedAt: new Date('2026-11-02T10:00:00Z'),
  resource: 'Presse plieuse', partner: 'Centre Escaut', location: null, organisation: 'Athénée des Collines', zone: 'Europe/Brussels',
  actualStart: new Date('2026-10-20T07:00:00Z'), actualEnd: new Date('2026-10-20T10:00:00Z'), class: null,
  participants: { pupils: 2, apprentices: 0, jobSeekers: 0, trainers: 0, employees: 0 },
};

describe('attestationDefinition', () => {
  it('lists the participants’ names typed by the teacher, under a heading in the reader’s language', () => {
    const content = JSON.stringify(attestationDefinition({ ...FACTS, participantNames: ['Lucas Martin', 'Emma Peeters'] }, 'nl').content);
    expect(content).toContain('Lijst van de deelnemers');
    expect(content).toContain('{"ol":["Lucas Martin","Emma Peeters"]');
  });

  it('prints no list when there are no names', () => {
    const content = JSON.stringify(attestationDefinition({ ...FACTS, participantNames: null }, 'fr').content);
    expect(content).not.toContain('Liste des participants');
    expect(content).not.toContain('"ol"');
  });

  it('renders a PDF with the names', async () => {
    const pdf = await attestationPdf({ ...FACTS, participantNames: ['Lucas Martin'] }, 'fr');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
