import type { MessageCompiler, MessageContext } from 'vue-i18n';

/**
 * The app's message compiler, given to createI18n instead of vue-i18n's own: the apps use vue-i18n's
 * runtime-only build (vite.shared.ts aliases it), which leaves out the message-format parser and
 * code generator (~17 KB minified, and each message parsed on first use). Our messages only use
 * named interpolation — `{name}` — (frontend-common's messages spec checks it), so a message is
 * split once into literal parts and names. Unknown names print as '' like vue-i18n's compiler.
 */
const NAMED = /\{([A-Za-z_][\w]*)\}/g;

const cache = new Map<string, (ctx: MessageContext) => string>();

export function compileMessage(source: string): (ctx: MessageContext) => string {
  const cached = cache.get(source);
  if (cached) return cached;
  let fn: (ctx: MessageContext) => string;
  if (!source.includes('{')) {
    fn = () => source;
  } else {
    // parts: even indexes are literal text, odd ones the names between them
    const parts = source.split(NAMED);
    fn = (ctx) => {
      let out = parts[0] ?? '';
      for (let i = 1; i < parts.length; i += 2) {
        const value: unknown = ctx.named(parts[i] ?? '');
        out += (value == null ? '' : String(value)) + (parts[i + 1] ?? '');
      }
      return out;
    };
  }
  cache.set(source, fn);
  return fn;
}

/** What createI18n's `messageCompiler` option takes; non-string (AST) messages are not used. */
export const messageCompiler: MessageCompiler = (message, { key, onError }) => {
  if (typeof message === 'string') return compileMessage(message) as ReturnType<MessageCompiler>;
  onError?.(Object.assign(new Error(`message ${key} is not a string`), { code: 0, domain: 'zhice' }) as never);
  return (() => key) as ReturnType<MessageCompiler>;
};

/** true when a message is plain text with `{name}` placeholders only (no plural `|`, no `@:` link, no other braces). */
export function isSimpleMessage(source: string): boolean {
  return !/[|@]/.test(source) && !/[{}]/.test(source.replace(NAMED, ''));
}
