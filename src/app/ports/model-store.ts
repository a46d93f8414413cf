export type ModelKind = 'funnel' | 'qualification' | 'contact-policy' | 'content' | 'nurture';

export interface ModelVersionRecord {
  readonly version: string;
  readonly kind: ModelKind;
  readonly modelId: string;
  readonly content: string;
  readonly author: string | null;
  readonly createdAt: string;
  readonly active: boolean;
}

/** Versioned shared definitions: every adopted version kept with its content. */
export interface ModelStore {
  saveVersion(record: ModelVersionRecord): Promise<void>;
  activate(kind: ModelKind, version: string): Promise<void>;
  active(kind: ModelKind): Promise<ModelVersionRecord | null>;
  list(kind: ModelKind): Promise<ModelVersionRecord[]>;
}
