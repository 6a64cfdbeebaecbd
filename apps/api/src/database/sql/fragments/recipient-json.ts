/** The users row `u` as a Recipient (an email's addressee) in JSON, for recipients read inside another query. */
export const recipientJson = (u: string): string =>
  `json_build_object('id', ${u}.id, 'email', ${u}.email, 'name', ${u}.name, 'locale', ${u}.locale, 'optOuts', ${u}.email_opt_outs)`;
