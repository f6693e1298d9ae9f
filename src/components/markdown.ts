import { html, type TemplateResult } from 'lit';

/**
 * A safe Markdown subset for information texts: paragraphs, "- " lists, **bold** and
 * [links](https://…). Everything becomes lit templates of text nodes — no HTML is
 * ever parsed — so nothing in a definition can run script. Links go to http(s),
 * mailto: and tel: only.
 */
export function renderMarkdown(source: string): TemplateResult[] {
  const blocks = source.replace(/\r\n?/g, '\n').trim().split(/\n\s*\n/);
  return blocks.map((block) => {
    const lines = block.split('\n');
    if (lines.every((line) => /^\s*[-*]\s+/.test(line))) {
      return html`<ul>${lines.map((line) => html`<li>${inline(line.replace(/^\s*[-*]\s+/, ''))}</li>`)}</ul>`;
    }
    return html`<p>${inline(lines.join(' '))}</p>`;
  });
}

const TOKEN = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
const SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;

function inline(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    parts.push(text.slice(last, match.index));
    if (match[1] !== undefined) parts.push(html`<strong>${match[1]}</strong>`);
    else if (SAFE_URL.test(match[3]!)) parts.push(html`<a href=${match[3]!}>${match[2]}</a>`);
    else parts.push(match[2]!);
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
