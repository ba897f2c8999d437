/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keysUsedIn, leafKeys, messageAt } from '../test/messageKeys';
import { mergeMessages, sharedMessages, type LocaleMessages } from './i18n';
import { isSimpleMessage } from './messageCompiler';
// Each app's message sets (plain data): what its i18n merges over the shared set.
import { adminMessages } from '../../../frontend-admin/src/locales/messages';
import { userMessages } from '../../../frontend-user/src/locales/messages';

const srcOf = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Keys a source tree names that the messages lack, in either locale (with where they are named). */
function missingKeys(messages: LocaleMessages, dir: string, atLeast: number): string[] {
  const used = keysUsedIn(dir, Object.keys(messages['zh-CN']));
  expect(used.size, 'keys the scan found (a broken scan would find none)').toBeGreaterThanOrEqual(atLeast);
  return [...used]
    .filter(([key]) => messageAt(messages['zh-CN'], key) === undefined || messageAt(messages.en, key) === undefined)
    .map(([key, files]) => `${key} (${files.map((f) => f.slice(f.indexOf('/src/') + 1)).join(', ')})`);
}

describe('shared messages', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    expect(leafKeys(sharedMessages.en)).toEqual(leafKeys(sharedMessages['zh-CN']));
    for (const tree of [sharedMessages['zh-CN'], sharedMessages.en]) {
      expect(leafKeys(tree).filter((key) => !messageAt(tree, key)?.trim())).toEqual([]);
    }
  });

  it('hold every key the shared code names', () => {
    expect(missingKeys(sharedMessages, srcOf('..'), 20)).toEqual([]);
    // the scan sees literal keys; these are built at run time
    for (const key of ['vip.level0', 'vip.level4', 'vip.levelN']) expect(messageAt(sharedMessages.en, key)).toBeTruthy();
  });
});

describe.each([
  ['frontend-admin', adminMessages, 300],
  ['frontend-user', userMessages, 120],
] as const)('%s messages (shared + its own)', (app, sets, keysInUse) => {
  const merged = mergeMessages(sharedMessages, ...sets);

  it('zh-CN and en have the same keys', () => {
    expect(leafKeys(merged.en)).toEqual(leafKeys(merged['zh-CN']));
  });

  it('each of its message sets has the same keys in zh-CN and en', () => {
    for (const set of sets) expect(leafKeys(set.en)).toEqual(leafKeys(set['zh-CN']));
  });

  it('hold every key its source names (templates, rules, route titles …)', () => {
    expect(missingKeys(merged, srcOf(`../../../${app}/src`), keysInUse)).toEqual([]);
  });

  it('use only `{name}` placeholders (the apps\' message compiler knows no plurals, links or other braces)', () => {
    for (const tree of [merged['zh-CN'], merged.en]) {
      expect(leafKeys(tree).filter((key) => !isSimpleMessage(messageAt(tree, key) ?? ''))).toEqual([]);
    }
  });

  it('only add to or override the shared keys with strings (no string replaced by a group or back)', () => {
    const shared = new Set(leafKeys(sharedMessages['zh-CN']));
    for (const key of shared) expect(messageAt(merged['zh-CN'], key), key).toBeDefined();
  });
});
