import type { Attributes, AttributeValue, Person } from '../entities.js';

/** What a rule may read about a person's company. */
export interface AccountFacts {
  readonly domain: string | null;
  readonly name: string | null;
  readonly attributes: Attributes;
}

type Getter = (person: Person, account: AccountFacts | null) => AttributeValue | undefined;

const PERSON_FIELDS: Readonly<Record<string, (p: Person) => AttributeValue>> = {
  id: (p) => p.id,
  email: (p) => p.email,
  firstName: (p) => p.firstName,
  lastName: (p) => p.lastName,
  company: (p) => p.company,
  accountId: (p) => p.accountId,
  owner: (p) => p.owner,
  source: (p) => p.source,
  country: (p) => p.country,
  industry: (p) => p.industry,
  title: (p) => p.title,
  createdAt: (p) => p.createdAt,
  doNotCall: (p) => p.doNotCall,
  doNotEmail: (p) => p.doNotEmail,
};

/** The person fields a rule can name directly (anything else is an imported attribute). */
export const PERSON_FIELD_NAMES: readonly string[] = Object.keys(PERSON_FIELDS);

/** Person fields stored as columns, by their snake_case column name too (as reports name them). */
const SNAKE: Readonly<Record<string, string>> = {
  first_name: 'firstName',
  last_name: 'lastName',
  account_id: 'accountId',
  created_at: 'createdAt',
  do_not_call: 'doNotCall',
  do_not_email: 'doNotEmail',
};

/**
 * Where a field name points: a person field (`industry`, `doNotEmail`), an account field
 * (`account.domain`, `account.employees`), or else an imported attribute (`lead_source`).
 */
export function fieldGetter(field: string): Getter {
  if (field.startsWith('account.')) {
    const key = field.slice('account.'.length);
    if (key === 'domain') return (_p, a) => a?.domain ?? undefined;
    if (key === 'name') return (_p, a) => a?.name ?? undefined;
    return (_p, a) => a?.attributes[key];
  }
  const standard = PERSON_FIELDS[SNAKE[field] ?? field];
  if (standard) return (p) => standard(p);
  return (p) => p.attributes[field];
}

/** Absent means null, undefined or blank text: such a value has no value to compare. */
export function isAbsent(v: AttributeValue | undefined): v is null | undefined | '' {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A number from a number or numeric text; NaN otherwise. */
export function toNumber(v: AttributeValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? Number.NaN : Number(t);
  }
  return Number.NaN;
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** A boolean from a boolean, 1/0 or yes/no/true/false text; null when it is none of these. */
export function toBoolean(v: AttributeValue | undefined): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return TRUE.has(t) ? true : FALSE.has(t) ? false : null;
  }
  return null;
}

/** Text as rules compare it: trimmed, case-insensitive. */
export function normText(v: AttributeValue | undefined): string {
  return String(v).trim().toLowerCase();
}
