import { salesforceId } from './export-formats.js';

/** Marketing channels touches carry (attribution groups by these). */
export const CHANNELS = ['paid_search', 'paid_social', 'content_syndication', 'webinar', 'events', 'email', 'referral', 'organic_search'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A marketing campaign with its cost (USD, major units). */
export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly channel: Channel;
  /** Salesforce Campaign.Type picklist value. */
  readonly type: string;
  readonly start: string;
  readonly end: string;
  readonly budget: number;
  readonly cost: number;
  /** HubSpot Original Source label for people it brought in. */
  readonly hubspotSource: string;
  /** Salesforce LeadSource for people it brought in. */
  readonly leadSource: string;
}

const c = (
  n: number,
  name: string,
  channel: Channel,
  type: string,
  start: string,
  end: string,
  budget: number,
  cost: number,
  hubspotSource: string,
  leadSource: string,
): Campaign => ({ id: salesforceId('701', n), name, channel, type, start, end, budget, cost, hubspotSource, leadSource });

/**
 * The demo company's campaigns. H1 buys volume (broad paid social, content syndication of
 * purchased lists); after the fixes (2024-07-01) spend moves to narrow, buyer-profile campaigns.
 */
export const CAMPAIGNS: readonly Campaign[] = [
  c(1, '2024-H1 Paid Social – Broad Reach', 'paid_social', 'Advertisement', '2024-01-01', '2024-06-30', 90_000, 88_400, 'Paid social', 'Web'),
  c(2, '2024-H1 Content Syndication – Analytics eBook', 'content_syndication', 'Advertisement', '2024-01-01', '2024-06-30', 60_000, 61_250, 'Other campaigns', 'Purchased List'),
  c(3, '2024-H1 Paid Search – Generic Terms', 'paid_search', 'Banner Ads', '2024-01-01', '2024-06-30', 50_000, 47_900, 'Paid search', 'Web'),
  c(4, '2024-Q2 Webinar – Funnel Metrics 101', 'webinar', 'Webinar', '2024-04-01', '2024-06-30', 15_000, 14_200, 'Other campaigns', 'Web'),
  c(5, '2024-Q2 Trade Show – SaaS Connect', 'events', 'Trade Show', '2024-04-01', '2024-06-30', 80_000, 83_500, 'Offline sources', 'Trade Show'),
  c(6, 'Customer Referral Program', 'referral', 'Referral Program', '2024-01-01', '2024-12-31', 12_000, 9_600, 'Referrals', 'Partner Referral'),
  c(7, 'Monthly Newsletter', 'email', 'Email', '2024-01-01', '2024-12-31', 6_000, 5_400, 'Email marketing', 'Web'),
  c(8, 'Organic Search', 'organic_search', 'Other', '2024-01-01', '2024-12-31', 0, 0, 'Organic search', 'Web'),
  c(9, '2024-H2 Paid Search – Revenue Operations Buyers', 'paid_search', 'Banner Ads', '2024-07-01', '2024-12-31', 30_000, 27_800, 'Paid search', 'Web'),
  c(10, '2024-Q3 Webinar – Fixing the MQL Hand-off', 'webinar', 'Webinar', '2024-07-01', '2024-09-30', 12_000, 11_300, 'Other campaigns', 'Web'),
  c(11, '2024-Q4 Executive Roundtable – Riyadh', 'events', 'Conference', '2024-10-01', '2024-12-31', 35_000, 32_900, 'Offline sources', 'Trade Show'),
  c(12, 'Unreachable Nurture', 'email', 'Email', '2024-07-01', '2024-12-31', 3_000, 2_100, 'Email marketing', 'Web'),
];

export function campaignNamed(name: string): Campaign {
  const found = CAMPAIGNS.find((x) => x.name === name);
  if (!found) throw new Error(`no campaign ${name}`);
  return found;
}

/** Which campaigns bring new people in, by half, with relative weights: H1 buys volume, H2 targets. */
export const ACQUISITION_MIX: Readonly<Record<'H1' | 'H2', readonly (readonly [string, number])[]>> = {
  H1: [
    ['2024-H1 Paid Social – Broad Reach', 34],
    ['2024-H1 Content Syndication – Analytics eBook', 28],
    ['2024-H1 Paid Search – Generic Terms', 16],
    ['2024-Q2 Webinar – Funnel Metrics 101', 6],
    ['2024-Q2 Trade Show – SaaS Connect', 6],
    ['Monthly Newsletter', 4],
    ['Organic Search', 4],
    ['Customer Referral Program', 2],
  ],
  H2: [
    ['2024-H2 Paid Search – Revenue Operations Buyers', 30],
    ['2024-Q3 Webinar – Fixing the MQL Hand-off', 20],
    ['2024-Q4 Executive Roundtable – Riyadh', 14],
    ['Customer Referral Program', 14],
    ['Organic Search', 12],
    ['Monthly Newsletter', 10],
  ],
};
