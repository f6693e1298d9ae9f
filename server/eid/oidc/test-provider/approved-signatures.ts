/** How long an approved signature waits for its ID token: longer than a round trip to the broker may take. */
const KEPT_MS = 15 * 60_000;

/**
 * The signatures approved on the test provider's page, by the grant the ID token is issued for. Each is taken once,
 * when its ID token is issued; one whose token is never asked for (the citizen's tab closed) goes after KEPT_MS.
 * So a provider that runs for weeks holds only the signatures under way.
 */
export class ApprovedSignatures {
  readonly #byGrant = new Map<string, { userSignature: string; approvedAt: number }>();
  readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  approve(grantId: string, userSignature: string): void {
    this.#forgetOld();
    this.#byGrant.set(grantId, { userSignature, approvedAt: this.now() });
  }

  /** The signature approved for the grant, forgotten as it is taken: an ID token carries it once. */
  take(grantId: string): string | undefined {
    this.#forgetOld();
    const approved = this.#byGrant.get(grantId);
    this.#byGrant.delete(grantId);
    return approved?.userSignature;
  }

  get size(): number {
    return this.#byGrant.size;
  }

  #forgetOld(): void {
    const oldest = this.now() - KEPT_MS;
    // A Map iterates in insertion order, and approvedAt only grows: the old ones come first.
    for (const [grantId, { approvedAt }] of this.#byGrant) {
      if (approvedAt > oldest) break;
      this.#byGrant.delete(grantId);
    }
  }
}
