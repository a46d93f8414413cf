import { describe, expect, it } from 'vitest';
import type { ContentCatalogue, ContentPiece } from './content-catalogue.js';
import { contentIndex, matchContent } from './match-content.js';
import { firstUrl, normaliseUrl } from './normalise-url.js';

const piece = (id: string, url: string | null, aliases: string[] = []): ContentPiece => ({
  id, title: id, url, aliases, type: 'case_study', stages: ['sal'], grades: ['A', 'B', 'C', 'D'], team: 'marketing', language: 'en', since: null, until: null,
});
const catalogue: ContentCatalogue = {
  id: 'test', version: 'test@1', defaultLanguage: 'en',
  pieces: [
    piece('case-study', 'https://www.orbit.example/customers/northwind'),
    piece('pricing', 'https://orbit.example/sales-kit/pricing?plan=team', ['https://cdn.orbit.example/pricing.pdf']),
    piece('demo-script', null),
    piece('arabic', 'https://www.orbit.example/ar/عملاء/بنك'),
  ],
};
const index = contentIndex(catalogue);

describe('URL matching', () => {
  // Real-world variants of the same page, as exports of HubSpot, Salesforce, Marketo and Mailchimp carry them.
  it.each([
    ['https://www.orbit.example/customers/northwind', 'case-study'],
    ['http://orbit.example/customers/northwind', 'case-study'],
    ['HTTPS://WWW.Orbit.Example/customers/northwind', 'case-study'],
    ['https://orbit.example/customers/northwind/', 'case-study'],
    ['https://orbit.example:443/customers/northwind', 'case-study'],
    ['https://www.orbit.example/customers/northwind#results', 'case-study'],
    ['https://www.orbit.example/customers/northwind/?utm_source=hubspot&utm_medium=email&utm_campaign=q3-nurture', 'case-study'],
    ['https://orbit.example/customers/northwind?UTM_SOURCE=LinkedIn&utm_content=carousel', 'case-study'],
    ['https://orbit.example/customers/northwind?gclid=EAIaIQobChMI&fbclid=IwAR0x', 'case-study'],
    ['https://orbit.example/customers/northwind?mc_cid=4f1b2c&mc_eid=9a8b7c', 'case-study'],
    ['https://orbit.example/customers/northwind?_hsenc=p2ANqtz-8&_hsmi=26542', 'case-study'],
    ['https://orbit.example/customers/northwind?mkt_tok=NjUwLVNZ&msclkid=abc', 'case-study'],
    ['orbit.example/customers/northwind', 'case-study'],
    ['Sent the case study: https://orbit.example/customers/northwind. Call Tuesday?', 'case-study'],
    ['https://orbit.example/sales-kit/pricing?plan=team&utm_source=x', 'pricing'],
    ['https://www.orbit.example/sales-kit/pricing/?utm_medium=email&plan=team', 'pricing'],
    ['https://cdn.orbit.example/pricing.pdf?_hsmi=1', 'pricing'],
    ['https://www.orbit.example/ar/%D8%B9%D9%85%D9%84%D8%A7%D8%A1/%D8%A8%D9%86%D9%83?utm_source=x', 'arabic'],
    ['https://orbit.example/ar/عملاء/بنك/', 'arabic'],
  ])('%s → %s', (url, id) => {
    expect(matchContent(index, { url })?.piece?.id).toBe(id);
  });

  it.each([
    ['https://orbit.example/customers/northwind-2', 'a longer path is another page'],
    ['https://orbit.example/sales-kit/pricing?plan=enterprise', 'a parameter that is not tracking names another page'],
    ['https://orbit.example/sales-kit/pricing', 'the piece needs its plan parameter'],
    ['https://other.example/customers/northwind', 'another host'],
  ])('%s does not match (%s)', (url) => {
    const m = matchContent(index, { url });
    expect(m?.piece).toBeNull();
    expect(m?.url).toBe(normaliseUrl(url));
  });

  it('reads redirect targets written as activity properties before the tracking link', () => {
    const wrapped = { url: 'https://t.hubspotlinks.example/Ctc/x/abc', redirect_url: 'https://orbit.example/customers/northwind?utm_source=hs' };
    expect(matchContent(index, wrapped)?.piece?.id).toBe('case-study');
    expect(matchContent(index, { link: 'https://www.orbit.example/customers/northwind/' })?.piece?.id).toBe('case-study');
    expect(matchContent(index, { url: 'https://click.example/redirect?url=https%3A%2F%2Fwww.orbit.example%2Fcustomers%2Fnorthwind%3Futm_source%3Dmc' })?.piece?.id).toBe('case-study');
  });

  it('matches a content id (a piece with no URL, shared in a meeting) before any URL', () => {
    expect(matchContent(index, { content_id: 'demo-script' })?.piece?.id).toBe('demo-script');
    expect(matchContent(index, { content_id: 'demo-script', url: 'https://orbit.example/customers/northwind' })?.piece?.id).toBe('demo-script');
    expect(matchContent(index, { subject: 'Call' })).toBeNull();
  });

  it('normalises to host + path + the kept parameters, sorted', () => {
    expect(normaliseUrl('HTTP://WWW.Example.COM/A/b/?z=1&utm_source=x&a=2#top')).toBe('example.com/A/b?a=2&z=1');
    expect(normaliseUrl('https://www.example.com/')).toBe('example.com');
    expect(normaliseUrl('https://example.com:8443/x')).toBe('example.com:8443/x');
    expect(normaliseUrl('mailto:someone@example.com')).toBeNull();
    expect(normaliseUrl('not a url')).toBeNull();
    expect(firstUrl('see https://a.example/x, thanks')).toBe('https://a.example/x');
  });
});
