import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpInbox {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message taken, parsed, in the order it came. */
  mail: ParsedMail[];
  /** While true, every message is answered "451 try again later" and not kept: the mail server is down for a while. */
  refusing: boolean;
  close(): Promise<void>;
}

/** A real SMTP server on loopback for the tests that follow an e-mail: it keeps what it is sent, parsed. */
export async function smtpInbox(): Promise<SmtpInbox> {
  const inbox: SmtpInbox = { url: '', mail: [], refusing: false, close: () => Promise.resolve() };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (inbox.refusing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((mail) => {
        inbox.mail.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  inbox.url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  inbox.close = () => new Promise<void>((resolve) => smtp.close(resolve));
  return inbox;
}
