import pdfmake from 'pdfmake';
import { DateTime } from 'luxon';
import { SERVER_MESSAGES, translate, type Locale } from '@equipole/shared';

// PDF's standard fonts: nothing to ship or read from disk; they cover French and Dutch (WinAnsi).
pdfmake.setFonts({ Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } });
// An attestation embeds no image or file: refuse every URL, and every local path but the standard fonts' names.
const STANDARD_FONTS = new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));

export interface AttestationFacts {
  reference: string;
  verifyUrl: string;
  issuedAt: Date;
  resource: string;
  partner: string;
  location: string | null;
  organisation: string;
  zone: string;
  actualStart: Date;
  actualEnd: Date;
  class: { level: string; year: number | null; section: string | null; teacher: string | null; module: string | null } | null;
  participants: { pupils: number; apprentices: number; jobSeekers: number; trainers: number; employees: number };
  /** Typed by the teacher; deleted after RETENTION_PARTICIPANT_NAMES_MONTHS. */
  participantNames?: string[] | null;
}

const LUXON: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** The attestation's words in `locale`, from the server catalogue (section `attestation`). */
function words(locale: Locale) {
  const w = SERVER_MESSAGES[locale].attestation;
  return {
    ...w,
    kinds: w.kind,
    levels: w.level as Record<string, string>,
    intro: (p: AttestationFacts) => translate(locale, 'attestation.intro', { partner: p.partner, organisation: p.organisation }),
    signed: (partner: string) => translate(locale, 'attestation.signed', { partner }),
    year: (n: number) => translate(locale, 'attestation.year', { year: n }),
  };
}

/** The attestation as a PDF (A4), in `locale`. */
export function attestationPdf(facts: AttestationFacts, locale: Locale): Promise<Buffer> {
  return pdfmake.createPdf(attestationDefinition(facts, locale)).getBuffer();
}

/** The attestation's pdfmake document. */
export function attestationDefinition(facts: AttestationFacts, locale: Locale) {
  const w = words(locale);
  const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: facts.zone }).setLocale(LUXON[locale]);
  const when = `${local(facts.actualStart).toFormat('cccc d LLLL yyyy, HH:mm')}–${local(facts.actualEnd).toFormat('HH:mm')} (${facts.zone})`;
  const c = facts.class;
  const classLine = c ? [w.levels[c.level] ?? c.level, c.year ? w.year(c.year) : null, c.section].filter(Boolean).join(', ') : null;
  const rows: [string, string][] = [
    [w.item, facts.resource], [w.partner, facts.partner], ...(facts.location ? [[w.location, facts.location] as [string, string]] : []),
    [w.organisation, facts.organisation], [w.when, when],
    ...(classLine ? [[w.class, classLine] as [string, string]] : []),
    ...(c?.teacher ? [[w.teacher, c.teacher] as [string, string]] : []),
    ...(c?.module ? [[w.module, c.module] as [string, string]] : []),
  ];
  const counts = (Object.keys(w.kinds) as (keyof AttestationFacts['participants'])[]).filter((k) => facts.participants[k] > 0);
  const names = facts.participantNames ?? [];
  return {
    info: { title: `${w.title} ${facts.reference}`, author: facts.partner, creator: 'Equipôle' },
    language: locale,
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 64],
    defaultStyle: { font: 'Helvetica', fontSize: 11, lineHeight: 1.25 },
    content: [
      { text: w.title, fontSize: 20, bold: true, margin: [0, 0, 0, 16] },
      { text: w.intro(facts), margin: [0, 0, 0, 16] },
      { table: { widths: [140, '*'], body: rows.map(([label, value]) => [{ text: label, bold: true }, value]) }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 16] },
      { text: w.participants, bold: true, margin: [0, 0, 0, 4] },
      { ul: counts.map((k) => `${w.kinds[k]} : ${facts.participants[k]}`.replace(' :', locale === 'fr' ? ' :' : ':')), margin: [0, 0, 0, names.length ? 16 : 24] },
      ...(names.length ? [{ text: w.names, bold: true, margin: [0, 0, 0, 4] }, { ol: names, margin: [0, 0, 0, 24] }] : []),
      { text: w.signed(facts.partner), italics: true, margin: [0, 0, 0, 4] },
      { text: `${w.reference} : ${facts.reference}`.replace(' :', locale === 'fr' ? ' :' : ':'), bold: true },
      { text: `${w.issued} ${local(facts.issuedAt).toFormat('d LLLL yyyy')}` },
      { text: [`${w.verify} : `.replace(' :', locale === 'fr' ? ' :' : ':'), { text: facts.verifyUrl, link: facts.verifyUrl, color: '#0b5394' }], margin: [0, 8, 0, 0] },
    ],
  };
}
