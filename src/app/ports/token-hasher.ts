/** Makes token secrets and the one-way hashes they are stored and looked up by. */
export interface TokenHasher {
  /** A new high-entropy secret, shown to its owner once. */
  newSecret(): string;
  hash(secret: string): string;
  newId(): string;
}
