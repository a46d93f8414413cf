/** A sales rep (or any owner of people): where their digest and hand-back notes go, and their team. */
export interface OwnerContact {
  /** As the owner appears on people (the CRM's owner name or id). */
  readonly id: string;
  readonly email: string | null;
  readonly team: string | null;
}

/** Settings for what Tandem sends, loaded and validated by config/ and passed in. */
export interface MailSettings {
  /** Sender, e.g. `Acme <hello@acme.example>`. */
  readonly from: string;
  readonly replyTo: string | null;
  /** Unsubscribe link; `{token}` is replaced by the message's token. */
  readonly unsubscribeUrl: string;
  /** Optional address for mail-based unsubscribes (List-Unsubscribe mailto). */
  readonly unsubscribeMailto: string | null;
  readonly owners: readonly OwnerContact[];
}

/** An owner's contact: from the directory, or the owner itself when it is an email address. */
export function ownerContact(settings: MailSettings, owner: string | null): OwnerContact | null {
  if (!owner) return null;
  const found = settings.owners.find((o) => o.id === owner || o.email === owner);
  if (found) return found;
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(owner) ? { id: owner, email: owner, team: null } : { id: owner, email: null, team: null };
}
