import { markRaw } from 'vue';
import { createI18n } from 'vue-i18n';
import { DEFAULT_LOCALE, localeOf, readStoredLocale, type Locale } from './index';
import sharedZhCN, { type SharedMessages } from './zh-CN';
import sharedEn from './en';
import { messageCompiler } from './messageCompiler';

/** One locale's messages: nested objects of strings. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** A set of messages in every locale (an app's, an area's, the shared one). */
export type LocaleMessages<M extends MessageTree = MessageTree> = Record<Locale, M>;

/** The messages both SPAs share (./zh-CN.ts, ./en.ts); apps merge theirs over these. */
export const sharedMessages: LocaleMessages<SharedMessages> = { 'zh-CN': sharedZhCN, en: sharedEn };

const isTree = (value: unknown): value is MessageTree => typeof value === 'object' && value !== null;

function mergeTrees(target: MessageTree, source: MessageTree): MessageTree {
  const out: MessageTree = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const before = out[key];
    out[key] = isTree(value) ? mergeTrees(isTree(before) ? before : {}, value) : value;
  }
  return out;
}

/**
 * Deep-merges message sets per locale into new objects (the inputs are never changed):
 * a later set adds keys and overrides the earlier sets' strings.
 */
export function mergeMessages(...sets: readonly LocaleMessages[]): LocaleMessages {
  return {
    'zh-CN': sets.reduce<MessageTree>((acc, set) => mergeTrees(acc, set['zh-CN']), {}),
    en: sets.reduce<MessageTree>((acc, set) => mergeTrees(acc, set.en), {}),
  };
}

const segmentsOf = new Map<string, string[]>();

/**
 * vue-i18n's key resolver for our keys (`area.group.name`, plain dots only — messages.spec.ts checks
 * the literal ones): vue-i18n's own runs a character-by-character path parser for every new key,
 * ~30 ms over a page's first render on a slow phone. Own properties only; null when there is none
 * (vue-i18n then reports the key missing, as before).
 */
export function resolveDottedKey(messages: unknown, key: string): unknown {
  let segments = segmentsOf.get(key);
  if (!segments) {
    segments = key.split('.');
    segmentsOf.set(key, segments);
  }
  let node: unknown = messages;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) return null;
    node = (node as Record<string, unknown>)[segment];
  }
  return node ?? null;
}

/**
 * An app's i18n instance (composition mode), in the stored locale (zh-CN by default and as fallback),
 * holding the shared messages with the app's sets merged over them in order.
 */
export function createSpaI18n(appSets: readonly LocaleMessages[]) {
  const i18n = createI18n({
    legacy: false,
    locale: readStoredLocale(),
    fallbackLocale: DEFAULT_LOCALE,
    // Raw, not reactive: vue-i18n keeps the messages in a deep `ref` in the browser, so every `t()`
    // walked its key through reactive proxies (tracking each level) — ~40 ms of a slow phone's
    // first render of the stock page. The messages never change at runtime (no setLocaleMessage);
    // `t()` still follows the language, which is a ref of its own.
    messages: markRaw(mergeMessages(sharedMessages, ...appSets)),
    messageCompiler,
    messageResolver: resolveDottedKey as never,
  });
  return {
    i18n,
    /** the UI language now */
    currentLocale: (): Locale => localeOf(i18n.global.locale),
  };
}
