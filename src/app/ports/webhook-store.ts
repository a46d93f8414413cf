/** Deliveries already accepted, so a replayed webhook inside the time window is refused. */
export interface WebhookStore {
  /** Records the delivery; false if it was already seen (a replay). */
  claim(source: string, deliveryId: string, at: string): Promise<boolean>;
  /** Forgets deliveries older than the window: they would fail the timestamp check anyway. */
  prune(beforeIso: string): Promise<number>;
}
