import type { Locale } from '@equipole/shared';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type EmailTemplate =
  | { kind: 'invitation'; params: { name: string; organisationName: string; inviterName: string; link: string } }
  | { kind: 'added_to_organisation'; params: { name: string; organisationName: string; inviterName: string; link: string } }
  | { kind: 'password_reset'; params: { name: string; link: string; minutes: number } };

type Copy = { subject: string; lines: string[]; action: string; footer: string };

const COPY: Record<EmailTemplate['kind'], Record<Locale, (p: Record<string, string | number>) => Copy>> = {
  invitation: {
    fr: (p) => ({
      subject: `Invitation à rejoindre ${p.organisationName} sur Equipôle`,
      lines: [`Bonjour ${p.name},`, `${p.inviterName} vous invite à rejoindre ${p.organisationName} sur Equipôle, la plateforme de mutualisation des équipements de formation.`, 'Ce lien est valable 7 jours et ne peut servir qu’une fois.'],
      action: 'Accepter l’invitation',
      footer: 'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
    }),
    nl: (p) => ({
      subject: `Uitnodiging om ${p.organisationName} te vervoegen op Equipôle`,
      lines: [`Beste ${p.name},`, `${p.inviterName} nodigt u uit om ${p.organisationName} te vervoegen op Equipôle, het platform om opleidingsuitrusting te delen.`, 'Deze link is 7 dagen geldig en kan maar één keer gebruikt worden.'],
      action: 'Uitnodiging aanvaarden',
      footer: 'Verwachtte u deze uitnodiging niet? Negeer dan dit bericht.',
    }),
    en: (p) => ({
      subject: `Invitation to join ${p.organisationName} on Equipôle`,
      lines: [`Hello ${p.name},`, `${p.inviterName} invites you to join ${p.organisationName} on Equipôle, the platform for sharing training equipment.`, 'This link is valid for 7 days and works once.'],
      action: 'Accept the invitation',
      footer: 'If you did not expect this invitation, ignore this message.',
    }),
  },
  added_to_organisation: {
    fr: (p) => ({
      subject: `Vous avez été ajouté·e à ${p.organisationName} sur Equipôle`,
      lines: [`Bonjour ${p.name},`, `${p.inviterName} vous a ajouté·e à ${p.organisationName}. Connectez-vous avec votre compte habituel.`],
      action: 'Se connecter',
      footer: 'Si vous pensez qu’il s’agit d’une erreur, contactez la personne qui vous a ajouté·e.',
    }),
    nl: (p) => ({
      subject: `U bent toegevoegd aan ${p.organisationName} op Equipôle`,
      lines: [`Beste ${p.name},`, `${p.inviterName} heeft u toegevoegd aan ${p.organisationName}. Meld u aan met uw gewone account.`],
      action: 'Aanmelden',
      footer: 'Denkt u dat dit een vergissing is? Neem contact op met wie u heeft toegevoegd.',
    }),
    en: (p) => ({
      subject: `You were added to ${p.organisationName} on Equipôle`,
      lines: [`Hello ${p.name},`, `${p.inviterName} added you to ${p.organisationName}. Sign in with your usual account.`],
      action: 'Sign in',
      footer: 'If you think this is a mistake, contact the person who added you.',
    }),
  },
  password_reset: {
    fr: (p) => ({
      subject: 'Réinitialisation de votre mot de passe Equipôle',
      lines: [`Bonjour ${p.name},`, 'Vous avez demandé à choisir un nouveau mot de passe.', `Ce lien est valable ${p.minutes} minutes et ne peut servir qu’une fois.`],
      action: 'Choisir un nouveau mot de passe',
      footer: 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
    }),
    nl: (p) => ({
      subject: 'Uw Equipôle-wachtwoord opnieuw instellen',
      lines: [`Beste ${p.name},`, 'U hebt gevraagd om een nieuw wachtwoord te kiezen.', `Deze link is ${p.minutes} minuten geldig en kan maar één keer gebruikt worden.`],
      action: 'Nieuw wachtwoord kiezen',
      footer: 'Hebt u niets gevraagd? Negeer dan dit bericht: uw wachtwoord blijft ongewijzigd.',
    }),
    en: (p) => ({
      subject: 'Reset your Equipôle password',
      lines: [`Hello ${p.name},`, 'You asked to choose a new password.', `This link is valid for ${p.minutes} minutes and works once.`],
      action: 'Choose a new password',
      footer: 'If you did not ask for this, ignore this message: your password stays the same.',
    }),
  },
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderEmail(template: EmailTemplate, locale: Locale): RenderedEmail {
  const params = template.params as Record<string, string | number>;
  const copy = COPY[template.kind][locale](params);
  const link = String(params.link);
  const text = [...copy.lines, '', `${copy.action} : ${link}`, '', copy.footer, '', '— Equipôle'].join('\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;color:#1f2933;line-height:1.5">
${copy.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#0b5394;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(copy.action)}</a></p>
<p style="color:#52606d;font-size:13px">${escapeHtml(copy.footer)}</p>
<p style="color:#52606d;font-size:13px">— Equipôle</p>
</body></html>`;
  return { subject: copy.subject, text, html };
}
