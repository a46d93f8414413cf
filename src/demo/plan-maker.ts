import { campaignNamed } from './campaigns.js';
import { piecesFor, urlVariant, CONTENT_SITE } from './content-catalogue.js';
import type { LeadStatus, MarketingTouch, SalesTouch } from './person-plan.js';
import type { PlanSpec } from './plan-spec.js';
import { DATA_END, DAY, HOUR } from './plan-spec.js';
import type { Random } from './random.js';

const SITE_PAGES = ['/', '/product', '/pricing', '/blog/what-is-an-mql', '/blog/sales-and-marketing-alignment', '/customers'];
const FORMS: Record<string, string> = {
  paid_search: 'Demo request', paid_social: 'eBook download', webinar: 'Webinar registration', events: 'Event registration',
  referral: 'Referral form', email: 'Contact us', organic_search: 'Contact us', content_syndication: 'eBook download',
};

const SEQUENCE: readonly { kind: 'email' | 'call'; day: number }[] = [
  { kind: 'email', day: 0.05 }, { kind: 'call', day: 0.1 }, { kind: 'call', day: 2 }, { kind: 'email', day: 3 },
  { kind: 'call', day: 5 }, { kind: 'email', day: 8 }, { kind: 'call', day: 10 },
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (ms: number): string => `${MONTHS[new Date(ms).getUTCMonth()]} ${new Date(ms).getUTCFullYear()}`;

/** Collects one person's touches and CRM statuses as the plan builder decides them. */
export class PlanMaker {
  readonly marketing: MarketingTouch[] = [];
  readonly sales: SalesTouch[] = [];
  readonly statuses: { status: LeadStatus; at: number }[] = [];

  constructor(
    readonly rnd: Random,
    readonly spec: PlanSpec,
  ) {}

  touch(type: MarketingTouch['type'], at: number, more: Partial<Omit<MarketingTouch, 'type' | 'at'>> = {}): void {
    if (at > DATA_END) return;
    this.marketing.push({ type, at, campaign: null, channel: null, url: null, title: null, subject: null, form: null, ...more });
  }

  call(at: number, connected: boolean, subject = 'Call'): void {
    if (at <= DATA_END) this.sales.push({ kind: 'call', at, owner: this.spec.owner, connected, subject, url: null });
  }

  salesEmail(at: number, subject: string, url: string | null): void {
    if (at <= DATA_END) this.sales.push({ kind: 'email', at, owner: this.spec.owner, connected: false, subject, url });
  }

  meeting(at: number, subject: string, url: string | null): void {
    if (at <= DATA_END) this.sales.push({ kind: 'meeting', at, owner: this.spec.owner, connected: true, subject, url });
  }

  status(status: LeadStatus, at: number): void {
    this.statuses.push({ status, at: Math.min(at, DATA_END) });
  }

  contentUrl(stage: 'inquiry' | 'mql' | 'sal' | 'sql' | 'opportunity', at: number, medium: string, campaign: string | null): { url: string; title: string } | null {
    const day = new Date(at).toISOString().slice(0, 10);
    const pieces = piecesFor(stage, day).filter((p) => p.language === (this.spec.who.arabic ? p.language : 'en'));
    if (pieces.length === 0) return null;
    const p = this.rnd.pick(pieces);
    return { url: urlVariant(this.rnd, p.url, campaign, medium), title: p.title };
  }

  /** The first touches: how the campaign brought the person in. */
  acquisition(): void {
    const { createdAt, campaign } = this.spec;
    if (!campaign) return;
    const base = { campaign: campaign.name, channel: campaign.channel };
    this.touch('campaign_member', createdAt - 60_000, base);
    if (campaign.channel === 'content_syndication') {
      const c = this.contentUrl('inquiry', createdAt, 'syndication', campaign.name);
      this.touch('download', createdAt, { ...base, url: c?.url ?? null, title: c?.title ?? null });
      return;
    }
    this.touch('form_fill', createdAt, { ...base, form: FORMS[campaign.channel] ?? 'Contact us', url: `${CONTENT_SITE}/${campaign.channel === 'webinar' ? 'webinars' : 'contact'}` });
    if (campaign.channel === 'events') this.touch('event_attended', createdAt + 3 * DAY, base);
  }

  browsing(): void {
    const n = this.rnd.int(0, 3);
    for (let i = 0; i < n; i++) {
      const at = this.spec.createdAt + this.rnd.float() * 30 * DAY;
      this.touch('page_view', at, { url: `${CONTENT_SITE}${this.rnd.pick(SITE_PAGES)}` });
    }
  }

  newsletter(): void {
    // About half the people subscribe to the newsletter (at scale everyone does, to fill the activity budget).
    if (this.spec.newsletterMonths === undefined && !this.rnd.chance(0.5)) return;
    const nl = campaignNamed('Monthly Newsletter');
    const d = new Date(this.spec.createdAt);
    let month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 10);
    for (let i = 0; i < (this.spec.newsletterMonths ?? 12) && month <= DATA_END; i++) {
      const subject = `Orbit Monthly – ${monthName(month)}`;
      const base = { campaign: nl.name, channel: nl.channel, subject };
      this.touch('email_sent', month, base);
      if (this.rnd.chance(0.3)) {
        this.touch('email_open', month + this.rnd.float() * 2 * DAY, base);
        if (this.rnd.chance(0.2)) {
          const c = this.contentUrl('inquiry', month, 'email', nl.name);
          this.touch('email_click', month + 2 * DAY, { ...base, url: c?.url ?? null });
        }
      }
      month = Date.UTC(new Date(month).getUTCFullYear(), new Date(month).getUTCMonth() + 1, 1, 10);
    }
  }

  /** The H2 contact policy: emails and calls until one connects; none → unreachable. Returns when it connected. */
  cadence(from: number, connects: boolean): number | null {
    const connectOn = connects ? this.rnd.int(1, 3) : 0;
    let calls = 0;
    for (const step of SEQUENCE) {
      const at = from + step.day * DAY + this.rnd.float() * 2 * HOUR;
      if (step.kind === 'email') {
        const c = this.contentUrl('sal', at, 'email', null);
        this.salesEmail(at, 'Email: Following up on your request', c?.url ?? null);
      } else {
        calls++;
        const connected = calls === connectOn;
        this.call(at, connected);
        if (connected) return at;
      }
    }
    return null;
  }
}
