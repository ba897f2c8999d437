export type TextSegment = { kind: 'text'; value: string } | { kind: 'link'; value: string; href: string };

// Absolute http(s) URLs, and site-relative paths such as /verify-email?token=… that mails may carry.
const LINK = /(https?:\/\/[^\s<>"'）)]+)|((?:^|(?<=\s))\/[A-Za-z0-9_\-/]+\?[^\s<>"'）)]+)/g;
const TRAILING = /[.,;:!?。，；：！？]+$/;

/** Splits plain mail text into text and link segments (rendered as nodes, never as HTML). */
export function linkify(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let url = match[0];
    const start = match.index ?? 0;
    const trailing = TRAILING.exec(url);
    if (trailing) url = url.slice(0, url.length - trailing[0].length);
    if (!url) continue;
    if (start > last) out.push({ kind: 'text', value: text.slice(last, start) });
    out.push({ kind: 'link', value: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) out.push({ kind: 'text', value: text.slice(last) });
  return out;
}
