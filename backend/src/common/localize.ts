/**
 * Localising the parts of an answer that are not a single message per code: validation details
 * (class-validator writes English), strategy parameter errors, and texts that carry both forms
 * (`{ message, messageEn }`, e.g. a pool import line's reason). The error filter applies
 * `localizeDetails` to every error's details; routes answering such texts in a 200 call it too.
 */
import { prefersEnglish } from './messages.js';

export type Lang = 'zh' | 'en';

export function langOf(acceptLanguage: string | undefined): Lang {
  return prefersEnglish(acceptLanguage) ? 'en' : 'zh';
}

/** English validator phrases (after the field name) → zh-CN. `$1`… are the captured groups. */
const PHRASES: Array<[RegExp, string]> = [
  [/^must be an integer number$/, '必须是整数'],
  [/^must not be greater than (.+)$/, '不能大于 $1'],
  [/^must not be less than (.+)$/, '不能小于 $1'],
  [/^must be longer than or equal to (\d+) characters$/, '长度不能少于 $1 个字符'],
  [/^must be shorter than or equal to (\d+) characters$/, '长度不能超过 $1 个字符'],
  [/^must be a string$/, '必须是字符串'],
  [/^must be a boolean value$/, '必须是布尔值（true/false）'],
  [/^must be a number conforming to the specified constraints$/, '必须是数字'],
  [/^must be one of the following values: (.*)$/, '必须是以下值之一：$1'],
  [/^must match .* regular expression$/, '格式不正确'],
  [/^must be a UUID$/, '必须是 UUID'],
  [/^must be a valid ISO 8601 date string$/, '必须是有效的日期'],
  [/^must be a date YYYY-MM-DD$/, '必须是 YYYY-MM-DD 格式的日期'],
  [/^must be an array$/, '必须是数组'],
  [/^must contain at least (\d+) elements$/, '至少需要 $1 项'],
  [/^must contain (?:no|not) more than (\d+) elements$/, '最多 $1 项'],
  [/^should not be empty$/, '不能为空'],
  [/^should not be null or undefined$/, '不能为空'],
  [/^must be an email$/, '必须是有效的邮箱地址'],
  [/^must be true$/, '必须为 true（需要确认）'],
  [/^must be equal to (.*)$/, '必须等于 $1'],
  [/^must be a positive number$/, '必须是正数'],
  [/^must not be blank$/, '不能为空白'],
  [/^must be printable ASCII without spaces$/, '只能包含可见的 ASCII 字符，且不能有空格'],
  [/^must be an object$/, '必须是对象'],
  [/^must be a valid enum value$/, '必须是允许的值之一'],
  [/^must look like (.+)$/, '格式应如 $1'],
  [/^must be 3–32 letters, digits or underscores$/, '必须是 3–32 位字母、数字或下划线'],
  // Strategy parameters (signals/strategies/params.ts and the strategies' cross checks).
  [/^must be an integer in (.+)$/, '必须是 $1 范围内的整数'],
  [/^must be a number in (.+)$/, '必须是 $1 范围内的数字'],
  [/^unknown parameter$/, '未知参数'],
  [/^unknown strategy$/, '未知策略'],
  [/^must be less than (.+)$/, '必须小于 $1'],
  [/^at least one must be positive$/, '至少一项必须大于 0'],
];

function phraseZh(rest: string): string | null {
  for (const [re, zh] of PHRASES) {
    const m = re.exec(rest);
    if (m) return zh.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return null;
}

/**
 * One English validator message in zh-CN; unknown phrasings stay as they are.
 * Forms: `field phrase`, `each value in field phrase`, `property field should not exist`, `path: phrase`.
 */
export function translateValidatorMessage(message: string): string {
  const unknown = /^property (\S+) should not exist$/.exec(message);
  if (unknown) return `不允许的字段 ${unknown[1]}`;
  const colon = /^([^\s:]+): (.+)$/.exec(message);
  if (colon) {
    const zh = phraseZh(colon[2]!);
    return zh ? `${colon[1]}：${zh}` : message;
  }
  const each = /^each value in (\S+) (.+)$/.exec(message);
  if (each) {
    const zh = phraseZh(each[2]!);
    return zh ? `${each[1]} 的每一项${zh}` : message;
  }
  const plain = /^(\S+) (.+)$/.exec(message);
  if (plain) {
    const zh = phraseZh(plain[2]!);
    return zh ? `${plain[1]} ${zh}` : message;
  }
  return message;
}

/**
 * Details in the caller's language: strings in an `errors` array are validator English (translated
 * for zh); an object with `message` and `messageEn` keeps the one asked for (and drops `messageEn`).
 */
export function localizeDetails<T>(details: T, lang: Lang): T {
  return walk(details, lang, false) as T;
}

function walk(value: unknown, lang: Lang, inErrors: boolean): unknown {
  if (typeof value === 'string') return inErrors && lang === 'zh' ? translateValidatorMessage(value) : value;
  if (Array.isArray(value)) return value.map((v) => walk(v, lang, inErrors));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'messageEn') continue;
    out[k] = walk(v, lang, k === 'errors');
  }
  if (typeof o.message === 'string' && typeof o.messageEn === 'string' && lang === 'en') out.message = o.messageEn;
  return out;
}
