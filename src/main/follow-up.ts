import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { attemptReport } from '../app/attempt-report.js';
import { followUpReport } from '../app/follow-up-report.js';
import { personFollowUpState } from '../app/follow-up-scan.js';
import type { FollowUpSetup } from '../app/follow-up-scan.js';
import type { FollowUpServices } from '../app/follow-up-services.js';
import { deliver, runNurture } from '../app/run-nurture.js';
import type { RunMessage } from '../app/run-nurture.js';
import { composeNote } from '../app/compose-message.js';
import { ownerContact } from '../app/follow-up-settings.js';
import { ownerDigests } from '../app/owner-digest.js';
import { replayPersons } from '../app/replay.js';
import type { ReplayContext } from '../app/replay.js';
import { workQueue } from '../app/work-queue.js';
import type { MessageTransport } from '../app/ports/message-transport.js';
import type { Store } from '../app/ports/store.js';
import type { ContactPolicy } from '../domain/contact-policy.js';
import { TandemError } from '../domain/errors.js';
import { FollowUpProvider } from '../domain/follow-up-provider.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import type { NurtureProgram } from '../domain/nurture-program.js';
import { DEFAULT_CONTACT_POLICY_PATH, parseContactPolicy } from '../config/load-contact-policy.js';
import { readTextFile } from '../config/load-funnel-model.js';
import { DEFAULT_NURTURE_PROGRAM_PATH, parseNurtureProgram } from '../config/load-nurture-program.js';
import { loadMailConfig } from '../config/mail-config.js';
import type { MailConfig } from '../config/mail-config.js';
import { smtpTransport } from '../mail/smtp-transport.js';
import { webhookTransport } from '../mail/webhook-transport.js';
import { KyselyFollowUpStore } from '../store/kysely-follow-up-store.js';
import { KyselyLeaseStore } from '../store/kysely-lease-store.js';
import { KyselyOutboxStore } from '../store/kysely-outbox-store.js';
import type { OpenedStore } from '../store/open-store.js';
import { resolveNurtureContent } from '../domain/content/nurture-content.js';
import { activeCatalogue } from './content.js';
import { contentSuggester } from '../app/content-suggester.js';
import type { ContentSuggester } from '../app/content-suggester.js';

interface Active<T> {
  readonly value: T;
  readonly content: string;
}

/** The adopted contact policy, or the bundled default (recorded so that its version can be looked up). */
export async function activePolicy(store: Pick<Store, 'models'>): Promise<Active<ContactPolicy>> {
  const active = await store.models.active('contact-policy');
  if (active) return { value: parseContactPolicy(active.content, `stored contact policy ${active.version}`), content: active.content };
  const content = readFileSync(DEFAULT_CONTACT_POLICY_PATH, 'utf8');
  return { value: parseContactPolicy(content, DEFAULT_CONTACT_POLICY_PATH), content };
}

async function activeProgram(store: Pick<Store, 'models'>, strict = true): Promise<Active<NurtureProgram>> {
  const active = await store.models.active('nurture');
  const [content, name] = active ? [active.content, `stored nurture program ${active.version}`] : [readFileSync(DEFAULT_NURTURE_PROGRAM_PATH, 'utf8'), DEFAULT_NURTURE_PROGRAM_PATH];
  return { value: await withContent(store, parseNurtureProgram(content, name), name, strict), content };
}

/** Steps that send a content catalogue piece, made messages from the adopted catalogue. */
async function withContent(store: Pick<Store, 'models'>, program: NurtureProgram, name: string, strict = true): Promise<NurtureProgram> {
  return program.steps.some((s) => s.content) ? resolveNurtureContent(program, await activeCatalogue(store), name, strict) : program;
}

/**
 * The follow-up signal provider of the active contact policy and nurture program, for the
 * replay context. The versions in force are kept in the model store, so a transition's
 * `policy:<version>` reason can always be looked up.
 */
export async function followUpProviders(store: Pick<Store, 'models'>, model: FunnelModel): Promise<FollowUpProvider[]> {
  const [policy, program] = await Promise.all([activePolicy(store), activeProgram(store, false)]);
  await keep(store, 'contact-policy', policy);
  await keep(store, 'nurture', program);
  return [new FollowUpProvider(model, policy.value, program.value)];
}

/** Stores a version in force (the bundled default) the first time it is used; reads only afterwards. */
async function keep(store: Pick<Store, 'models'>, kind: 'contact-policy' | 'nurture', active: Active<{ id: string; version: string }>): Promise<void> {
  if ((await store.models.list(kind)).some((v) => v.version === active.value.version)) return;
  await store.models.saveVersion({ version: active.value.version, kind, modelId: active.value.id, content: active.content, author: null, createdAt: new Date().toISOString(), active: false });
}

/** Stores a definition's text as a version and makes it the active one (replay afterwards to apply it). */
export async function activateVersion(
  store: Pick<Store, 'models'>,
  kind: 'contact-policy' | 'nurture',
  value: { readonly id: string; readonly version: string },
  text: string,
  author: string | null,
): Promise<void> {
  await store.models.saveVersion({ version: value.version, kind, modelId: value.id, content: text, author, createdAt: new Date().toISOString(), active: false });
  await store.models.activate(kind, value.version);
}

/** The follow-up setup of a replay context: the context and its contact policy / nurture provider. */
export function followUpSetup(ctx: ReplayContext): FollowUpSetup {
  const provider = ctx.providers.find((p): p is FollowUpProvider => p instanceof FollowUpProvider);
  if (!provider) throw new Error('the replay context has no follow-up provider');
  return { ctx, provider };
}

function transportOf(mail: MailConfig): MessageTransport | null {
  if (mail.smtp) return smtpTransport(mail.smtp);
  if (mail.webhook) return webhookTransport(mail.webhook);
  return null;
}

/** Follow-up use cases over the store; `contextAt` gives the replay context (every provider) at a time. */
export function followUpServices(store: OpenedStore, contextAt: (at: Date) => Promise<ReplayContext>): FollowUpServices {
  const people = new KyselyFollowUpStore(store.db, store.helpers);
  const outbox = new KyselyOutboxStore(store.db);
  const leases = new KyselyLeaseStore(store.db);
  const claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let mail: MailConfig | null = null;
  const mailConfig = (): MailConfig => (mail ??= loadMailConfig());

  const setupAt = async (at: string): Promise<FollowUpSetup> => followUpSetup(await contextAt(new Date(at)));
  /** Content suggestions ride along the queue once a content catalogue is adopted. */
  const suggesterOf = async (setup: FollowUpSetup): Promise<ContentSuggester | undefined> => {
    const catalogue = await activeCatalogue(store);
    return catalogue ? contentSuggester(catalogue, setup.ctx) : undefined;
  };
  const withTransport = async <T>(send: boolean, work: (t: MessageTransport | null) => Promise<T>): Promise<T> => {
    const config = mailConfig();
    const transport = send ? transportOf(config) : null;
    if (transport && !config.unsubscribeConfigured) {
      throw new TandemError('CONFIG_INVALID', 'messages must carry a working unsubscribe link: set TANDEM_UNSUBSCRIBE_URL (or unsubscribe.url in the mail config) to an http(s) URL containing {token}', {
        place: { field: 'unsubscribe.url' },
      });
    }
    try {
      return await work(transport);
    } finally {
      await transport?.close();
    }
  };
  const adopt = async <T extends { id: string; version: string }>(kind: 'contact-policy' | 'nurture', file: string, parse: (text: string, file: string) => T): Promise<T> => {
    const text = readTextFile(file);
    const value = parse(text, file);
    await activateVersion(store, kind, value, text, null);
    return value;
  };

  return {
    contactPolicy: async () => (await activePolicy(store)).value,
    nurtureProgram: async () => (await activeProgram(store)).value,
    adoptContactPolicy: (file) => adopt('contact-policy', file, parseContactPolicy),
    adoptNurtureProgram: async (file) => {
      // Check the content references against the adopted catalogue before storing the program.
      await withContent(store, parseNurtureProgram(readTextFile(file), file), file);
      return adopt('nurture', file, parseNurtureProgram);
    },
    queue: async (request) => {
      const setup = await setupAt(request.at);
      return workQueue(people, setup, request, (owner) => ownerContact(mailConfig().settings, owner)?.team ?? null, await suggesterOf(setup));
    },
    personState: async (idOrEmail, at) => personFollowUpState(people, await setupAt(at), idOrEmail),
    async digests(request) {
      const setup = await setupAt(request.at);
      const queue = await workQueue(people, setup, { owner: request.owner, at: request.at }, undefined, await suggesterOf(setup));
      const digests = ownerDigests(queue);
      if (!request.send) return { digests, sent: [], noAddress: [] };
      return withTransport(true, async (transport) => {
        if (!transport) throw new TandemError('CONFIG_INVALID', 'nothing to send with: set TANDEM_SMTP_URL or TANDEM_WEBHOOK_URL', { place: { field: 'smtp' } });
        const settings = mailConfig().settings;
        const sent: RunMessage[] = [];
        const noAddress: string[] = [];
        for (const d of digests) {
          const to = ownerContact(settings, d.owner)?.email;
          if (!to) {
            noAddress.push(d.owner);
            continue;
          }
          const subject = `Follow-up ${d.date}: ${d.overdue} overdue, ${d.dueToday} due today`;
          const entry = { kind: 'digest' as const, programId: 'digest', programVersion: queue.policyVersion, personId: d.owner, enrollmentAt: d.date, step: 0, stepId: 'digest', recipient: to, subject, unsubscribeToken: null };
          sent.push(await deliver({ outbox, transport }, { at: request.at, claimant, dryRun: false }, entry, (e) => composeNote(to, subject, d.markdown, settings, e.id)));
        }
        return { digests, sent, noAddress };
      });
    },
    attemptReport: async (request) => attemptReport(people, (await activePolicy(store)).value, request),
    followUpReport: async (request) => followUpReport(people, outbox, await setupAt(request.at), mailConfig().settings, request),
    run: async (options) => {
      await activeProgram(store); // a step naming a piece the catalogue lacks stops the run, with the step named
      return withTransport(!options.dryRun, async (transport) =>
        runNurture(
          { store: people, replay: { store: store.replay, leases, now: () => new Date(), scope: options.replay }, outbox, setup: await setupAt(options.at), transport, settings: mailConfig().settings, newToken: () => randomBytes(18).toString('base64url') },
          { at: options.at, claimant, dryRun: options.dryRun, leaseMinutes: options.leaseMinutes },
        ),
      );
    },
    outbox: (filter) => outbox.list(filter),
    resolveOutbox: (id, outcome, by) => outbox.resolve(id, outcome, by, new Date().toISOString()),
    async unsubscribe(token, at) {
      const entry = await outbox.byToken(token);
      if (!entry) return null;
      const [person] = await people.people([entry.personId]);
      if (!person?.person.email) return null;
      await store.imports.applyBatch(
        {
          accounts: [],
          persons: [],
          opportunities: [],
          activities: [
            {
              origin: { file: 'unsubscribe', row: 0 },
              system: 'tandem',
              externalId: `unsubscribe:${token}`,
              person: { kind: 'email', email: person.person.email },
              type: 'unsubscribe',
              occurredAt: at,
              actor: null,
              stage: null,
              properties: { program: entry.programId, step: entry.stepId },
            },
          ],
        },
        at,
      );
      await replayPersons(store.replay, await contextAt(new Date(at)), [entry.personId]);
      return { personId: entry.personId };
    },
  };
}
