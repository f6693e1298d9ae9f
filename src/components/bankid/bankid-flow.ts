import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { eidErrorCode } from '../../client/eid.js';
import { NetworkError } from '../../client/errors.js';
import type { LoginMethod } from '../../contract/eid.js';
import type { Language } from '../../contract/text.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { bankIdButton, renderBankIdChoice } from './bankid-choice.js';
import { bankIdAutostartUrl } from './device.js';
import { drawQr } from '../qr.js';
import { errorRfa, failedRfa, pendingRfa, rfaKey, type Rfa } from './rfa.js';
import '../../i18n/messages.bankid.js';
import '../../i18n/messages.eid.js';

/** Where a BankID order stands, as the backend reports it (a login or a signing). */
export interface BankIdPoll {
  status: 'pending' | 'failed' | 'complete';
  hintCode?: string | undefined;
  qrData?: string | undefined;
}

/** The backend calls behind one kind of order: log in, or sign a case. */
export interface BankIdOrderApi<P extends BankIdPoll> {
  start(method: LoginMethod): Promise<{ orderRef: string; autoStartToken?: string | undefined }>;
  poll(orderRef: string): Promise<P>;
  cancel(orderRef: string): Promise<void>;
}

/** What the element hosting the flow offers: its language, and how to open the BankID app. */
export interface BankIdHost extends ReactiveControllerHost, HTMLElement {
  readonly lang_: Language;
  readonly renderRoot: HTMLElement | DocumentFragment;
  isMobile(): boolean;
  openBankId(url: string): void;
}

export type FlowView = 'choice' | 'pending' | 'failed';

const POLL_MS = 1000;

/**
 * The steps of any BankID order, shared by logging in and signing: "this device or another
 * device?" (RFA20), the autostart link or the animated QR code, BankID's recommended message
 * for every status, Cancel and Try again. It runs in its host's shadow root, so the host's
 * single live region announces the messages.
 */
export class BankIdFlow<P extends BankIdPoll> implements ReactiveController {
  view: FlowView = 'choice';
  rfa?: Rfa | undefined;
  note?: MessageKey | undefined;
  qrData?: string | undefined;
  method: LoginMethod = 'otherDevice';
  private orderRef?: string | undefined;
  private launchUrl?: string | undefined;
  private timer?: ReturnType<typeof setTimeout>;
  /** Bumped whenever an order ends, so answers to an older one are ignored. */
  private run = 0;
  private moveFocus = false;
  /** Offline: what goes on when the connection is back (by itself on `online`, or by Try again). */
  private resumeOnline?: (() => void) | undefined;

  /** `notes`: what to say when the backend can't be reached, offline or not (the form adds that the answers are kept). */
  constructor(
    private readonly host: BankIdHost,
    private readonly api: () => BankIdOrderApi<P>,
    private readonly onComplete: (state: P) => void,
    private readonly notes: { offline: MessageKey; unreachable: MessageKey } = { offline: 'eid.offline', unreachable: 'eid.unreachable' },
  ) {
    host.addController(this);
  }

  get busy(): boolean {
    return this.view === 'pending';
  }

  hostDisconnected(): void {
    // An order nobody can see any more is cancelled (also one whose polling stopped offline).
    if (this.view === 'pending' || this.orderRef) this.cancel();
    this.stop();
  }

  hostUpdated(): void {
    const data = this.qrData;
    const canvas = data && this.host.renderRoot.querySelector('canvas');
    // Only if it is still the code to show when the renderer is there: a second goes by between codes.
    if (canvas) drawQr(canvas, data, () => this.qrData === data);
    if (this.moveFocus) {
      this.moveFocus = false;
      this.host.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
    }
  }

  /** The autostart link for this device. */
  autostartUrl(token: string): string {
    return bankIdAutostartUrl(token, this.host.isMobile());
  }

  /** Back to the first question, with a note or BankID message to show there. */
  show(view: FlowView, rfa?: Rfa, note?: MessageKey): void {
    // Left the offline state another way (Cancel, a new start): nothing starts by itself later.
    if (view !== 'failed') this.forgetOnline();
    this.view = view;
    this.rfa = rfa;
    this.note = note;
    // Keep keyboard users inside the widget when the buttons they used are replaced.
    this.moveFocus = (this.host as HTMLElement).matches(':focus-within');
    this.host.requestUpdate();
  }

  stop(): void {
    this.run++;
    clearTimeout(this.timer);
    this.forgetOnline();
  }

  private forgetOnline(): void {
    if (this.resumeOnline) window.removeEventListener('online', this.resumeOnline);
    this.resumeOnline = undefined;
  }

  async start(method: LoginMethod): Promise<void> {
    this.stop();
    const run = this.run;
    const qr = method === 'otherDevice';
    this.method = method;
    this.qrData = this.orderRef = this.launchUrl = undefined;
    this.show('pending', qr ? 'RFA1' : 'RFA13');
    try {
      const started = await this.api().start(method);
      if (run !== this.run) return;
      this.orderRef = started.orderRef;
      if (!qr && started.autoStartToken) this.host.openBankId((this.launchUrl = this.autostartUrl(started.autoStartToken)));
      await this.poll(run);
    } catch (error) {
      if (run === this.run) this.failed(error);
    }
  }

  /** A call beside the steps failed (a logout): BankID's message for it, under the first question. */
  tell(error: unknown): void {
    this.rfa = errorRfa(eidErrorCode(error));
    this.host.requestUpdate();
  }

  /** A request failed: offline, the order goes on once the connection is back; otherwise BankID's message. */
  private failed(error: unknown): void {
    if (!(error instanceof NetworkError)) return this.fail(errorRfa(eidErrorCode(error)));
    // An order already started is followed again rather than replaced (BankID allows one at a time).
    const method = this.method;
    const resume = this.orderRef ? () => this.resume() : () => void this.start(method);
    this.stop();
    // Offline, the connection's return is an event to wait for; with a connection the server itself is away.
    this.show('failed', undefined, navigator.onLine ? this.notes.unreachable : this.notes.offline);
    const again = () => {
      this.stop();
      resume();
    };
    this.resumeOnline = again;
    window.addEventListener('online', again, { once: true });
  }

  /** Back online: polls the same order again. */
  private resume(): void {
    const run = this.run;
    this.show('pending', this.method === 'otherDevice' ? 'RFA1' : 'RFA13');
    this.poll(run).catch((error) => run === this.run && this.failed(error));
  }

  private async poll(run: number): Promise<void> {
    const state = await this.api().poll(this.orderRef!);
    if (run !== this.run) return;
    const qr = this.method === 'otherDevice';
    if (state.status === 'complete') {
      this.stop();
      this.orderRef = undefined;
      this.view = 'choice';
      this.rfa = this.note = undefined;
      this.onComplete(state);
    } else if (state.status === 'failed') {
      this.fail(failedRfa(state.hintCode, { qr }));
    } else {
      this.rfa = pendingRfa(state.hintCode, { qr, mobile: this.host.isMobile() });
      this.qrData = qr ? state.qrData : undefined;
      this.host.requestUpdate();
      this.timer = setTimeout(() => {
        this.poll(run).catch((error) => run === this.run && this.failed(error));
      }, POLL_MS);
    }
  }

  fail(rfa: Rfa): void {
    this.stop();
    // The order is over: nothing to follow or cancel.
    this.orderRef = undefined;
    this.show('failed', rfa);
  }

  /** Cancel on the failed step: an order left pending when the connection went is cancelled too. */
  private cancelFailed(onBack?: () => void): void {
    const orderRef = this.orderRef;
    this.stop();
    this.orderRef = undefined;
    if (orderRef) this.api().cancel(orderRef).catch(() => undefined);
    if (onBack) onBack();
    else this.show('choice');
  }

  cancel(): void {
    const orderRef = this.orderRef;
    this.stop();
    this.orderRef = undefined;
    if (orderRef) this.api().cancel(orderRef).catch(() => undefined);
    this.show('choice', 'RFA6');
  }

  /** The message for the live region: BankID's for the status, else a note. */
  statusText(lang: Language): string {
    return this.rfa ? t(lang, rfaKey(this.rfa)) : this.note ? t(lang, this.note) : '';
  }

  /** The question, the QR code and the buttons for the current step; `onBack` adds a way out of the choice. */
  render(lang: Language, onBack?: () => void) {
    const button = (label: MessageKey, onClick: () => void, secondary = false, focus = false) =>
      bankIdButton(lang, label, onClick, secondary, focus);
    switch (this.view) {
      case 'choice':
        return renderBankIdChoice(lang, (method) => void this.start(method), onBack);
      case 'pending':
        return html`${this.method === 'otherDevice'
            ? html`<p>${t(lang, 'eid.qrHelp')}</p>
                ${this.qrData ? html`<canvas part="qr" class="qr" role="img" aria-label=${t(lang, 'eid.qrAlt')}></canvas>` : nothing}`
            : nothing}
          <div class="actions">
            ${this.launchUrl ? button('eid.openApp', () => this.host.openBankId(this.launchUrl!)) : nothing}
            ${button('eid.cancel', () => this.cancel(), true, true)}
          </div>`;
      case 'failed':
        return html`<div class="actions">
          ${button('eid.retry', () => (this.resumeOnline ? this.resumeOnline() : void this.start(this.method)), false, true)}
          ${button('eid.cancel', () => this.cancelFailed(onBack), true)}
        </div>`;
    }
  }
}
