/**
 * Named leases: at most one holder at a time, until the lease expires (so a holder that died
 * does not block the others for ever). Times are wall-clock UTC ISO strings.
 */
export interface LeaseStore {
  /** Takes the lease if it is free or expired; false when someone else holds it. */
  acquire(name: string, holder: string, now: string, until: string): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}
