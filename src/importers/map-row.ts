import { createHash } from 'node:crypto';
import { isActivityType } from '../domain/activity-type.js';
import type { AttributeValue, OpportunityStatus } from '../domain/entities.js';
import { normaliseEmail } from '../domain/normalise.js';
import { isStage } from '../domain/stage.js';
import { isCreditTeam } from '../domain/touch.js';
import type { StageId } from '../domain/stage.js';
import type {
  AccountRecord,
  ActivityRecord,
  CampaignRecord,
  OpportunityRecord,
  Origin,
  PersonRecord,
  PersonRef,
} from '../app/ports/import-records.js';
import type { CompiledMapping } from './compiled-mapping.js';
import { formatsFor } from './compiled-mapping.js';
import { parseAmountMinor, parseBoolean, parseDate, RowError } from './convert-value.js';

/** What one CSV row becomes: a record and the activities or deals it implies. */
export interface MappedRow {
  readonly accounts: AccountRecord[];
  readonly persons: PersonRecord[];
  readonly opportunities: OpportunityRecord[];
  readonly activities: ActivityRecord[];
  readonly campaigns: CampaignRecord[];
}

function empty(): MappedRow {
  return { accounts: [], persons: [], opportunities: [], activities: [], campaigns: [] };
}

class RowReader {
  constructor(
    readonly m: CompiledMapping,
    readonly values: readonly string[],
    readonly row: number,
  ) {}
  text(field: string): string | null {
    const v = this.m.read(this.values, field, this.row);
    return v === null ? null : String(v);
  }
  date(field: string): string | null {
    const v = this.text(field);
    return v === null ? null : parseDate(field, v, formatsFor(this.m.mapping, field), this.m.mapping.timezone);
  }
  bool(field: string): boolean | null {
    const v = this.m.read(this.values, field, this.row);
    return v === null ? null : parseBoolean(field, v);
  }
  stage(field: string): StageId | null {
    const v = this.text(field);
    if (v === null) return null;
    if (!isStage(v)) throw new RowError(field, `"${v}" is not a funnel stage; map it to one of the model's stage ids in the mapping's ${field}.map`);
    return v;
  }
  amount(field: string, currency: string | null): number | null {
    const v = this.m.read(this.values, field, this.row);
    return v === null ? null : parseAmountMinor(field, v, currency ?? 'USD');
  }
  personRef(): PersonRef | null {
    const system = this.m.mapping.personSystem ?? this.m.mapping.system;
    const ext = this.text('personExternalId');
    if (ext) return { kind: 'external', source: system, externalId: ext };
    const email = this.text('personEmail');
    if (email) {
      if (!normaliseEmail(email)) throw new RowError('personEmail', `"${email.slice(0, 60)}" is not an email address`);
      return { kind: 'email', email };
    }
    return null;
  }
}

function rowHash(values: readonly string[]): string {
  return createHash('sha1').update(values.join('\u0001')).digest('base64url').slice(0, 16);
}

function mapPerson(r: RowReader, origin: Origin): MappedRow {
  const out = empty();
  const system = r.m.mapping.system;
  const externalId = r.text('externalId');
  const email = r.text('email');
  if (email !== null && !normaliseEmail(email)) throw new RowError('email', `"${email.slice(0, 60)}" is not an email address`);
  if (!externalId && !email) throw new RowError('externalId', 'the row has neither an id nor an email, so it cannot be matched to a person');
  let firstName = r.text('firstName');
  let lastName = r.text('lastName');
  const fullName = r.text('fullName');
  if (fullName && !firstName && !lastName) {
    const parts = fullName.split(/\s+/);
    firstName = parts[0] ?? null;
    lastName = parts.length > 1 ? parts.slice(1).join(' ') : null;
  }
  const createdAt = r.date('createdAt');
  const stageDates = new Map<StageId, string>();
  for (const [s, column] of Object.entries(r.m.mapping.stageDates ?? {})) {
    const v = r.m.column(r.values, column);
    if (v !== null) stageDates.set(s as StageId, parseDate(column, v, r.m.mapping.dateFormats, r.m.mapping.timezone));
  }
  const stage = r.stage('stage');
  const stageAt = stage ? (stageDates.get(stage) ?? r.date('stageAt') ?? createdAt) : null;
  out.persons.push({
    origin,
    system,
    externalId,
    fields: {
      email,
      firstName,
      lastName,
      company: r.text('company'),
      owner: r.text('owner'),
      source: r.text('source'),
      country: r.text('country'),
      industry: r.text('industry'),
      title: r.text('title'),
      createdAt,
      doNotCall: r.bool('doNotCall'),
      doNotEmail: r.bool('doNotEmail'),
      updatedAt: r.date('updatedAt'),
    },
    accountDomain: r.text('domain'),
    attributes: r.m.attributes(r.values),
    status: { stage, raw: r.m.rawText(r.values, 'stage'), at: stageAt },
  });
  const person: PersonRef = externalId ? { kind: 'external', source: system, externalId } : { kind: 'email', email: email! };
  const key = externalId ?? normaliseEmail(email)!;
  const activity = (suffix: string, type: ActivityRecord['type'], at: string, stage: StageId | null): ActivityRecord => ({
    origin, system, externalId: `${key}#${suffix}`, person, type, occurredAt: at, actor: r.text('owner'), stage, properties: {},
  });
  if (createdAt) out.activities.push(activity('created', 'lead_created', createdAt, null));
  for (const [s, at] of stageDates) out.activities.push(activity(`stage:${s}`, 'stage_change', at, s));
  if (stage && !stageDates.has(stage)) {
    if (!stageAt) throw new RowError('stageAt', `the stage "${stage}" has no date: map stageAt or createdAt`);
    out.activities.push(activity(`stage:${stage}`, 'stage_change', stageAt, stage));
  }
  const won = r.bool('won');
  const lost = r.bool('lost');
  if (won || lost) {
    const currency = r.text('currency');
    const at = r.date('wonAt') ?? r.date('stageAt') ?? createdAt;
    out.opportunities.push({
      origin, system, externalId: `${key}#deal`, person, accountDomain: r.text('domain'), accountName: r.text('company'),
      name: null, amountMinor: r.amount('amount', currency), currency, stage: null,
      status: won ? 'won' : 'lost', owner: r.text('owner'), createdAt: null, closedAt: at, attributes: {},
    });
    if (at) out.activities.push(activity(won ? 'won' : 'lost', won ? 'opportunity_won' : 'opportunity_lost', at, null));
  }
  return out;
}

/** The fields an activity keeps among its properties, when the mapping maps them. */
const PROPERTY_FIELDS = ['url', 'contentId', 'campaign', 'channel', 'subject', 'outcome'] as const;
const mappedProperties = new WeakMap<CompiledMapping, readonly string[]>();
/** Most activity exports carry nothing beyond the mapped fields: one shared, frozen empty object for all their rows. */
const NO_PROPERTIES: Record<string, AttributeValue> = Object.freeze({});

function mapActivity(r: RowReader, origin: Origin): ActivityRecord {
  const type = r.text('type');
  if (type === null) throw new RowError('type', 'the activity type is empty');
  if (!isActivityType(type)) throw new RowError('type', `"${type}" is not an activity type; map it in the mapping's type.map`);
  const occurredAt = r.date('occurredAt');
  if (!occurredAt) throw new RowError('occurredAt', 'the activity has no date');
  const person = r.personRef();
  if (!person) throw new RowError('personExternalId', 'the activity names no person (id or email)');
  let fields = mappedProperties.get(r.m);
  if (!fields) mappedProperties.set(r.m, (fields = PROPERTY_FIELDS.filter((f) => r.m.mapping.fields[f] !== undefined)));
  // The unmapped columns, then the property fields (which win over a column of the same name).
  const properties = fields.length === 0 && r.m.attributeColumns === 0 ? NO_PROPERTIES : r.m.attributes(r.values);
  for (const f of fields) {
    const v = r.text(f);
    if (v !== null) properties[f] = v;
  }
  return {
    origin,
    system: r.m.mapping.system,
    externalId: r.text('externalId') ?? `row:${rowHash(r.values)}`,
    person,
    type,
    occurredAt,
    actor: r.text('actor'),
    stage: type === 'stage_change' ? r.stage('stage') : null,
    properties,
  };
}

function statusOf(r: RowReader): OpportunityStatus {
  const status = r.text('status');
  if (status !== null) {
    const s = status.toLowerCase();
    if (s === 'won' || s === 'lost' || s === 'open') return s;
    throw new RowError('status', `"${status}" is not open, won or lost; map it in the mapping's status.map`);
  }
  const won = r.bool('won');
  return won === null ? 'open' : won ? 'won' : 'lost';
}

function mapOpportunity(r: RowReader, origin: Origin): MappedRow {
  const out = empty();
  const system = r.m.mapping.system;
  const externalId = r.text('externalId');
  if (!externalId) throw new RowError('externalId', 'the opportunity has no id');
  const currency = r.text('currency');
  const status = statusOf(r);
  const createdAt = r.date('createdAt');
  const closedAt = r.date('closedAt');
  const person = r.personRef();
  out.opportunities.push({
    origin, system, externalId, person, accountDomain: r.text('accountDomain'), accountName: r.text('accountName'),
    name: r.text('name'), amountMinor: r.amount('amount', currency), currency, stage: r.text('stage'), status,
    owner: r.text('owner'), createdAt, closedAt, attributes: r.m.attributes(r.values),
  });
  if (person) {
    const activity = (suffix: string, type: ActivityRecord['type'], at: string): ActivityRecord => ({
      origin, system, externalId: `${externalId}#${suffix}`, person, type, occurredAt: at, actor: r.text('owner'), stage: null, properties: { opportunity: externalId },
    });
    if (createdAt) out.activities.push(activity('created', 'opportunity_created', createdAt));
    const closed = closedAt ?? null;
    if (status !== 'open' && !closed) throw new RowError('closedAt', `the opportunity is ${status} but has no close date`);
    if (status !== 'open') out.activities.push(activity(status, status === 'won' ? 'opportunity_won' : 'opportunity_lost', closed!));
  }
  return out;
}

function mapAccount(r: RowReader, origin: Origin): MappedRow {
  const out = empty();
  const domain = r.text('domain');
  if (!domain) throw new RowError('domain', 'the account has no domain');
  const attributes = r.m.attributes(r.values);
  for (const f of ['industry', 'employees', 'country']) {
    const v = r.text(f);
    if (v !== null) attributes[f] = v;
  }
  out.accounts.push({ origin, system: r.m.mapping.system, domain, name: r.text('name'), attributes });
  return out;
}

function mapCampaign(r: RowReader, origin: Origin): CampaignRecord {
  const externalId = r.text('externalId');
  if (!externalId) throw new RowError('externalId', 'the campaign has no id');
  const team = r.text('team');
  if (team !== null && !isCreditTeam(team)) {
    throw new RowError('team', `"${team}" is not marketing, sales, partner or other; map it in the mapping's team.map`);
  }
  const currency = r.text('currency');
  return {
    origin, system: r.m.mapping.system, externalId, name: r.text('name'), channel: r.text('channel'), team,
    costMinor: r.amount('cost', currency), currency, startedAt: r.date('startedAt'), endedAt: r.date('endedAt'),
    attributes: r.m.attributes(r.values),
  };
}

/** Maps one row of an activities file (the bulk of most imports: no wrapper per row). Throws RowError (field + reason) for a bad row. */
export function mapActivityRow(m: CompiledMapping, values: readonly string[], origin: Origin): ActivityRecord {
  return mapActivity(new RowReader(m, values, origin.row), origin);
}

/** Maps one row by its mapping's entity. Throws RowError (field + reason) for a bad row. */
export function mapRow(m: CompiledMapping, values: readonly string[], origin: Origin): MappedRow {
  const r = new RowReader(m, values, origin.row);
  switch (m.mapping.entity) {
    case 'persons':
      return mapPerson(r, origin);
    case 'activities':
      return { ...empty(), activities: [mapActivity(r, origin)] };
    case 'opportunities':
      return mapOpportunity(r, origin);
    case 'accounts':
      return mapAccount(r, origin);
    case 'campaigns':
      return { ...empty(), campaigns: [mapCampaign(r, origin)] };
    default: {
      const never: never = m.mapping.entity;
      throw new Error(`unknown entity ${String(never)}`);
    }
  }
}
