/** Time comes in through a port so the domain and tests can fix it. */
export interface Clock {
  now(): Date;
}
