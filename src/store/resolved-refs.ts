import type { PersonRef } from '../app/ports/import-records.js';
import { normaliseEmail } from '../domain/normalise.js';

/**
 * Person references resolved to person ids within one batch: by each source's own id, and by
 * normalised email. Keyed by the values themselves (a map per source), so that resolving the
 * ten activities of each of a million persons builds no key string per reference.
 */
export class ResolvedRefs {
  private readonly bySource = new Map<string, Map<string, string>>();
  private readonly byEmail = new Map<string, string>();

  get(ref: PersonRef): string | undefined {
    if (ref.kind === 'external') return this.bySource.get(ref.source)?.get(ref.externalId);
    const email = normaliseEmail(ref.email);
    return email === null ? undefined : this.byEmail.get(email);
  }

  has(ref: PersonRef): boolean {
    return this.get(ref) !== undefined;
  }

  set(ref: PersonRef, personId: string): void {
    if (ref.kind === 'external') return this.setExternal(ref.source, ref.externalId, personId);
    // A text that is no email is never looked up by (`get` finds nothing for it).
    const email = normaliseEmail(ref.email);
    if (email !== null) this.setEmail(email, personId);
  }

  setExternal(source: string, externalId: string, personId: string): void {
    let ids = this.bySource.get(source);
    if (!ids) this.bySource.set(source, (ids = new Map()));
    ids.set(externalId, personId);
  }

  /** `email` already normalised. */
  setEmail(email: string, personId: string): void {
    this.byEmail.set(email, personId);
  }
}
