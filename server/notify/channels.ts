import nodemailer, { type Transporter } from 'nodemailer';

/** One e-mail to one citizen. Plain text: nothing in it needs HTML, and text is read by every client. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close?(): void;
}

/** One SMS to one number. */
export interface Sms {
  to: string;
  text: string;
}

/**
 * Where SMS go. No real provider is bundled: a municipality's SMS gateway implements this
 * (typically one HTTPS call); the platform ships the outbox implementation below.
 */
export interface SmsSender {
  send(sms: Sms): Promise<void>;
}

/** E-mail over SMTP (SMTP_URL: smtp://user:password@host:587, or smtps:// for TLS from the start). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string) {
    // Time limits well inside the outbox's 30 s claim on a notification: a server that hangs fails the
    // send (to be tried again later) rather than outlast the claim, which would let another instance send it too.
    this.transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 });
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  close(): void {
    this.transport.close();
  }
}

/** What the demo outbox holds of one message sent. */
export interface OutboxItem {
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  sentAt: string;
}

/**
 * The demo's outbox: keeps what was "sent" in memory (the newest 200) for GET /dev/outbox, when
 * no SMTP_URL is set. Also the SMS sender wherever no SMS gateway is configured.
 */
export class DevOutbox implements Mailer, SmsSender {
  private readonly items: OutboxItem[] = [];

  constructor(private readonly now: () => Date = () => new Date(), private readonly limit = 200) {}

  async send(message: Mail | Sms): Promise<void> {
    const channel = 'subject' in message ? 'email' : 'sms';
    this.items.unshift({ channel, ...message, sentAt: this.now().toISOString() });
    this.items.length = Math.min(this.items.length, this.limit);
  }

  /** Newest first. */
  list(): readonly OutboxItem[] {
    return this.items;
  }
}
