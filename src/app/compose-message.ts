import MarkdownIt from 'markdown-it';
import type { Person } from '../domain/entities.js';
import { fillTemplate, templateValues } from '../domain/message-template.js';
import type { NurtureStep } from '../domain/nurture-program.js';
import type { MailSettings } from './follow-up-settings.js';
import type { OutgoingMessage } from './ports/message-transport.js';

// Raw HTML in templates is not passed through: a template is Markdown, not markup.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The unsubscribe link of a message. */
export function unsubscribeUrl(settings: MailSettings, token: string): string {
  return settings.unsubscribeUrl.replace('{token}', encodeURIComponent(token));
}

/**
 * RFC 2369 List-Unsubscribe (link, and mailto when configured) and RFC 8058 one-click for
 * an https link, so mail clients show their own unsubscribe button.
 */
export function unsubscribeHeaders(settings: MailSettings, token: string): Record<string, string> {
  const url = unsubscribeUrl(settings, token);
  const targets = [`<${url}>`];
  if (settings.unsubscribeMailto) targets.push(`<mailto:${settings.unsubscribeMailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`);
  return {
    'List-Unsubscribe': targets.join(', '),
    ...(url.startsWith('https://') ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
  };
}

/**
 * A nurture step as a message to one person: the Markdown template filled with their fields
 * (escaped for HTML after the Markdown is rendered, so a value can neither inject markup nor
 * Markdown), an unsubscribe footer, and the unsubscribe headers.
 */
export function composeStepMessage(step: NurtureStep, person: Person, settings: MailSettings, token: string, key: string): OutgoingMessage {
  const url = unsubscribeUrl(settings, token);
  const values = templateValues(person, url);
  // Placeholders become inert tokens through Markdown rendering, then get their escaped values.
  const slots: string[] = [];
  const tokenised = step.body.replace(/\{\{[^}]*\}\}/g, (m) => `TANDEMSLOT${slots.push(m) - 1}X`);
  const rendered = markdown.render(tokenised).replace(/TANDEMSLOT(\d+)X/g, (_m, i: string) => fillTemplate(slots[Number(i)]!, values, escapeHtml));
  const text = `${fillTemplate(step.body, values).trimEnd()}\n\n--\nTo stop these emails: ${url}\n`;
  const html = `${rendered}<hr><p style="font-size:12px;color:#666">To stop these emails, <a href="${escapeHtml(url)}">unsubscribe</a>.</p>\n`;
  return {
    key,
    from: settings.from,
    replyTo: settings.replyTo,
    to: person.email ?? '',
    subject: fillTemplate(step.subject, values).replace(/[\r\n]+/g, ' ').trim(),
    text,
    html,
    headers: unsubscribeHeaders(settings, token),
  };
}

/** A note to an owner (hand-back, digest): Markdown as the text part, rendered as the HTML part. */
export function composeNote(to: string, subject: string, body: string, settings: MailSettings, key: string): OutgoingMessage {
  return { key, from: settings.from, replyTo: settings.replyTo, to, subject, text: body, html: markdown.render(body), headers: {} };
}
