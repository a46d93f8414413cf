/**
 * The files a generated export folder holds, with their columns exactly as the source systems
 * export them (../shared/formats/EXPORTS.md): HubSpot's "all properties" contacts export (labels,
 * `YYYY-MM-DD HH:mm`), and Salesforce Data Loader / Data Export files (API names, ISO UTC).
 */
export const EXPORT_FILES = {
  hubspotContacts: {
    file: 'hubspot-crm-exports-all-contacts-2025-01-02.csv',
    preset: 'hubspot-contacts',
    columns: [
      'Record ID', 'First Name', 'Last Name', 'Became a Customer Date', 'Became a Lead Date',
      'Became a Marketing Qualified Lead Date', 'Became a Sales Qualified Lead Date', 'Became an Opportunity Date',
      'Company Name', 'Contact owner', 'Country/Region', 'Create Date', 'Email', 'HubSpot Score', 'Industry', 'Job Title',
      'Lead Status', 'Lifecycle Stage', 'Number of Employees', 'Original Source', 'Original Source Drill-Down 1',
      'Phone Number', 'Website URL',
    ],
  },
  /** HubSpot has no standard engagement export (EXPORTS.md §7): this is the shape our hubspot-activities preset reads. */
  hubspotActivities: {
    file: 'hubspot-activities-2025-01-02.csv',
    preset: 'hubspot-activities',
    columns: [
      'Activity ID', 'Associated Contact ID', 'Contact Email', 'Activity Type', 'Activity Date', 'Campaign Name',
      'Campaign Channel', 'Page URL', 'Asset Title', 'Email Subject', 'Form Name',
    ],
  },
  salesforceLeads: {
    file: 'Lead.csv',
    preset: 'salesforce-leads',
    columns: [
      'Id', 'FirstName', 'LastName', 'Email', 'Phone', 'Company', 'Website', 'Title', 'Industry', 'NumberOfEmployees',
      'Country', 'LeadSource', 'Status', 'Rating', 'OwnerId', 'Owner.Name', 'IsConverted', 'ConvertedDate',
      'ConvertedContactId', 'ConvertedOpportunityId', 'HasOptedOutOfEmail', 'DoNotCall', 'CreatedDate', 'LastModifiedDate',
    ],
  },
  /** Field history of Lead.Status (Salesforce's LeadHistory object): when each status was set. */
  salesforceLeadHistory: {
    file: 'LeadHistory.csv',
    preset: 'salesforce-leads',
    columns: ['Id', 'LeadId', 'CreatedById', 'CreatedDate', 'Field', 'OldValue', 'NewValue'],
  },
  salesforceTasks: {
    file: 'Task.csv',
    preset: 'salesforce-tasks',
    columns: [
      'Id', 'WhoId', 'WhatId', 'Subject', 'ActivityDate', 'Status', 'Priority', 'OwnerId', 'Owner.Name', 'Description',
      'Type', 'TaskSubtype', 'CallType', 'CallDisposition', 'CallDurationInSeconds', 'CreatedDate', 'CompletedDateTime',
    ],
  },
  salesforceOpportunities: {
    file: 'Opportunity.csv',
    preset: 'salesforce-opportunities',
    columns: [
      'Id', 'AccountId', 'Account.Name', 'Account.Website', 'Name', 'StageName', 'Amount', 'Probability', 'CloseDate',
      'Type', 'LeadSource', 'IsClosed', 'IsWon', 'CampaignId', 'OwnerId', 'Owner.Name', 'CreatedDate', 'ContactId',
      'Contact.Email', 'CurrencyIsoCode',
    ],
  },
  /**
   * Salesforce Campaign object with costs; `Channel__c` is the demo org's custom channel field.
   * Not in the manifest: Tandem has no campaign entity yet, so nothing imports it.
   */
  salesforceCampaigns: {
    file: 'Campaign.csv',
    preset: null,
    columns: ['Id', 'Name', 'Type', 'Channel__c', 'Status', 'StartDate', 'EndDate', 'BudgetedCost', 'ActualCost', 'IsActive'],
  },
} as const;

export type ExportKind = keyof typeof EXPORT_FILES;

/** HubSpot datetime export form: `YYYY-MM-DD HH:mm`. */
export function hubspotDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** Salesforce Data Loader datetime (UTC with milliseconds). */
export function salesforceDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function salesforceDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** An 18-character Salesforce-style id: key prefix, a pod part, then the sequence in base 36. */
export function salesforceId(prefix: string, n: number): string {
  return `${prefix}8d000${n.toString(36).toUpperCase().padStart(10, '0')}`;
}
