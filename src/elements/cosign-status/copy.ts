import { copyCase } from '../../client/cosign.js';
import type { Draft } from '../../contract/my-pages.js';
import { copiedEvent } from './cosign-status.events.js';
import { CosignPart, type CosignHost } from './part.js';

/** What starting again from a copy needs from the element. */
export interface CopyHost extends CosignHost {
  /** The applicant's case (`case`). */
  caseId(): string | undefined;
  /** The `continue-url` template: where "Fortsätt med kopian" leads. */
  continueUrl(): string | undefined;
}

/** "Börja om med en kopia" for a case not signed in time, or declined: a new draft of its answers. */
export class CopyController extends CosignPart<CopyHost> {
  copying = false;
  copyFailed = false;
  copied?: { draft: Draft; url?: string | undefined } | undefined;

  async copy(): Promise<void> {
    const client = this.widget.client();
    const caseId = this.widget.caseId();
    if (!client || !caseId || this.copying) return;
    this.copying = true;
    this.copyFailed = false;
    this.changed();
    try {
      const draft = await copyCase(client, caseId, this.widget.lang());
      const url = this.widget.continueUrl()
        ?.replaceAll('{serviceId}', encodeURIComponent(draft.serviceId))
        .replaceAll('{id}', encodeURIComponent(draft.id));
      this.copied = { draft, url };
      this.widget.focus('#copied');
      this.host.dispatchEvent(copiedEvent({ caseId, draftId: draft.id, serviceId: draft.serviceId, ...(url ? { url } : {}) }));
    } catch (error) {
      this.widget.checkSession(error);
      this.copyFailed = true;
    } finally {
      this.copying = false;
      this.changed();
    }
  }
}
