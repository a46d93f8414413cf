import { describe, expect, it } from 'vitest';
import type { Person } from '../domain/entities.js';
import { composeStepMessage } from './compose-message.js';
import type { MailSettings } from './follow-up-settings.js';

const settings: MailSettings = {
  from: 'Acme <hello@acme.example>', replyTo: null, unsubscribeUrl: 'https://acme.example/u/{token}', unsubscribeMailto: 'unsub@acme.example', owners: [],
};
const person: Person = {
  id: 'p', email: 'x@example.org', firstName: '<b>Eve</b>', lastName: null, company: '*Evil* [Co](https://evil.example)', accountId: null,
  owner: null, source: null, country: null, industry: null, title: null, createdAt: null, doNotCall: false, doNotEmail: false, attributes: {},
};
const step = { id: 's', subject: 'Hi {{firstName}}\r\nBcc: a@b', body: 'Hello **{{firstName}}** from {{company}}, {{industry | your industry}}.\n\n[Stop]({{unsubscribeUrl}})', waitDays: 0 };

describe('composeStepMessage', () => {
  const m = composeStepMessage(step, person, settings, 'tok/1', 'msg_1');

  it('person values can inject neither markup nor Markdown into the HTML', () => {
    expect(m.html).toContain('<strong>&lt;b&gt;Eve&lt;/b&gt;</strong>');
    expect(m.html).toContain('*Evil* [Co](https://evil.example)');
    expect(m.html).not.toContain('href="https://evil.example"');
    expect(m.html).not.toContain('<b>Eve</b>');
  });

  it('fills fallbacks, the unsubscribe link (token escaped) and headers', () => {
    expect(m.text).toContain('your industry.');
    expect(m.html).toContain('href="https://acme.example/u/tok%2F1"');
    expect(m.text).toContain('To stop these emails: https://acme.example/u/tok%2F1');
    expect(m.headers).toEqual({
      'List-Unsubscribe': '<https://acme.example/u/tok%2F1>, <mailto:unsub@acme.example?subject=unsubscribe%20tok%2F1>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('a subject cannot carry a header line', () => {
    expect(m.subject).toBe('Hi <b>Eve</b> Bcc: a@b');
  });
});
