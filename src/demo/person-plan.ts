import type { ActivityType } from '../domain/activity-type.js';

/** Fit grade on the buyer profile (A best). */
export type Grade = 'A' | 'B' | 'C' | 'D';

/** Lead statuses the demo company's CRM uses (Salesforce's newer default set plus two added by the fixes). */
export const LEAD_STATUSES = ['New', 'Working', 'Nurturing', 'Qualified', 'Unqualified', 'Converted', 'Unreachable', 'Recycled'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** A marketing-automation touch (HubSpot side). */
export interface MarketingTouch {
  readonly type: Extract<ActivityType, 'form_fill' | 'page_view' | 'download' | 'email_sent' | 'email_open' | 'email_click' | 'campaign_member' | 'event_attended'>;
  readonly at: number;
  readonly campaign: string | null;
  readonly channel: string | null;
  readonly url: string | null;
  readonly title: string | null;
  readonly subject: string | null;
  readonly form: string | null;
}

/** A sales touch (CRM task): a call (connected or not), an email or a meeting. */
export interface SalesTouch {
  readonly kind: 'call' | 'email' | 'meeting';
  readonly at: number;
  readonly owner: string;
  readonly connected: boolean;
  readonly subject: string;
  readonly url: string | null;
}

export interface DealPlan {
  readonly id: string;
  readonly name: string;
  readonly amount: number;
  readonly createdAt: number;
  readonly closeDate: number;
  readonly status: 'won' | 'lost' | 'open';
  readonly stageName: string;
  readonly leadSource: string;
  readonly campaignId: string | null;
  readonly owner: string;
  readonly accountName: string;
  readonly accountWebsite: string;
  /** The CRM contact's email; null for a deal on an account without a known person. */
  readonly contactEmail: string | null;
}

/** Everything one person does in both systems: the generators turn it into export rows. */
export interface PersonPlan {
  /** HubSpot Record ID; null when the person exists only in the CRM. */
  readonly hubspotId: string | null;
  /** Salesforce Lead Id; null when the person never reached the CRM. */
  readonly leadId: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** The email as the CRM holds it (differs for the deliberate disagreements). */
  readonly crmEmail: string;
  readonly phone: string;
  readonly company: string;
  readonly website: string | null;
  readonly industry: string;
  readonly title: string;
  readonly employees: number;
  readonly country: string;
  readonly grade: Grade;
  readonly createdAt: number;
  /** HubSpot Original Source label and drill-down. */
  readonly originalSource: string;
  readonly originalSourceDetail: string | null;
  /** Salesforce LeadSource. */
  readonly leadSource: string;
  readonly owner: string | null;
  /** First entry into HubSpot lifecycle stages (ms), as the Became-a-… Date columns show them. */
  readonly became: { readonly lead: number; readonly mql?: number; readonly sql?: number; readonly opportunity?: number; readonly customer?: number };
  readonly lifecycleStage: string;
  readonly hubspotLeadStatus: string | null;
  /** CRM lead status history, oldest first; the last one is the lead's current status. */
  readonly statuses: readonly { readonly status: LeadStatus; readonly at: number }[];
  readonly crmCreatedAt: number | null;
  readonly marketing: readonly MarketingTouch[];
  readonly sales: readonly SalesTouch[];
  readonly deal: DealPlan | null;
}
