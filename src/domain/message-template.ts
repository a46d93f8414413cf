import type { Person } from './entities.js';

/** The person fields a message template may name, plus the unsubscribe link. */
export const TEMPLATE_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'company',
  'title',
  'country',
  'industry',
  'owner',
  'email',
  'unsubscribeUrl',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** One `{{field}}` or `{{field | fallback}}` in a template. */
export interface Placeholder {
  readonly text: string;
  readonly name: string;
  readonly fallback: string | null;
  readonly index: number;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ text: m[0], name: m[1]!, fallback: m[2] ?? null, index: m.index }));
}

export function isTemplateField(name: string): name is TemplateField {
  return (TEMPLATE_FIELDS as readonly string[]).includes(name);
}

/** A person's template values (empty where unknown, so the fallback applies). */
export function templateValues(person: Person, unsubscribeUrl: string): Record<TemplateField, string> {
  const full = [person.firstName, person.lastName].filter(Boolean).join(' ');
  return {
    firstName: person.firstName ?? '',
    lastName: person.lastName ?? '',
    fullName: full,
    company: person.company ?? '',
    title: person.title ?? '',
    country: person.country ?? '',
    industry: person.industry ?? '',
    owner: person.owner ?? '',
    email: person.email ?? '',
    unsubscribeUrl,
  };
}

/**
 * Replaces every placeholder: its value, else its fallback, else nothing. `encode` escapes a
 * value for where it lands (HTML), so a person's name can never inject markup.
 */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
  encode: (value: string) => string = (v) => v,
): string {
  return template.replace(PLACEHOLDER, (_all, name: string, fallback: string | undefined) => {
    const v = values[name] ?? '';
    return encode(v !== '' ? v : (fallback ?? ''));
  });
}
