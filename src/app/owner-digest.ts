import { compareQueueItems } from './work-queue.js';
import type { QueueItem, WorkQueue } from './work-queue.js';

/** One owner's daily follow-up digest. */
export interface OwnerDigest {
  readonly owner: string;
  readonly date: string;
  readonly overdue: number;
  readonly dueToday: number;
  readonly comingUp: number;
  readonly returned: number;
  readonly markdown: string;
}

const COMING_UP_LIMIT = 20;

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function md(text: string): string {
  return text.replace(/([|\\*_`[\]])/g, '\\$1');
}

function table(items: readonly QueueItem[], withOverdue: boolean): string[] {
  const head = withOverdue ? '| Person | Company | Next | Attempts | Due (UTC) | Overdue by |' : '| Person | Company | Next | Attempts | Due (UTC) |';
  const rule = withOverdue ? '| --- | --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- | --- |';
  return [
    head,
    rule,
    ...items.map((i) => {
      const cells = [md(i.name), md(i.company ?? ''), `${i.channel} #${i.attempt}${i.returned ? ' (returned)' : ''}`, `${i.made} of ${i.required}`, when(i.dueAt)];
      if (withOverdue) cells.push(i.overdueHours >= 48 ? `${Math.floor(i.overdueHours / 24)} days` : `${Math.round(i.overdueHours)} h`);
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

/**
 * The daily digest per owner (Markdown, readable as plain text): overdue first, then what is
 * due today (UTC), then what is coming up, and the people the nurture program handed back.
 */
export function ownerDigests(queue: WorkQueue, owners: readonly string[] | null = null): OwnerDigest[] {
  const date = queue.at.slice(0, 10);
  const endOfDay = `${date}T23:59:59.999Z`;
  const byOwner = new Map<string, QueueItem[]>();
  for (const item of queue.items) {
    const owner = item.owner ?? '(no owner)';
    if (owners && !owners.includes(owner)) continue;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
  }
  return [...byOwner.keys()].sort().map((owner) => {
    const items = [...byOwner.get(owner)!].sort(compareQueueItems);
    const overdue = items.filter((i) => i.status === 'overdue');
    const today = items.filter((i) => i.status !== 'overdue' && i.dueAt <= endOfDay);
    const later = items.filter((i) => i.status !== 'overdue' && i.dueAt > endOfDay);
    const returned = items.filter((i) => i.returned);
    const lines = [
      `# Follow-up for ${md(owner)} — ${date}`,
      '',
      `**${overdue.length} overdue**, ${today.length} due today, ${later.length} coming up.` +
        (returned.length ? ` ${returned.length} handed back by the nurture program — contact them first.` : ''),
      '',
      `Contact policy ${queue.policyVersion}.`,
    ];
    if (overdue.length) lines.push('', '## Overdue', '', ...table(overdue, true));
    if (today.length) lines.push('', '## Due today', '', ...table(today, false));
    const toSend = [...overdue, ...today].filter((i) => i.suggestedContent);
    if (toSend.length) {
      lines.push('', '## Content to send', '', '| Person | Stage | Piece | Link |', '| --- | --- | --- | --- |');
      for (const i of toSend) lines.push(`| ${md(i.name)} | ${i.suggestedContent!.stage} | ${md(i.suggestedContent!.title)} | ${i.suggestedContent!.url ?? ''} |`);
    }
    if (later.length) {
      lines.push('', '## Coming up', '', ...table(later.slice(0, COMING_UP_LIMIT), false));
      if (later.length > COMING_UP_LIMIT) lines.push('', `…and ${later.length - COMING_UP_LIMIT} more (tandem queue --owner "${owner}").`);
    }
    return { owner, date, overdue: overdue.length, dueToday: today.length, comingUp: later.length, returned: returned.length, markdown: `${lines.join('\n')}\n` };
  });
}
