// Which of the two message languages a locale tag asks for. Shared by the language server (the
// editor's display language, InitializeParams.locale) and the CLI (LC_ALL / LC_MESSAGES / LANG), so
// both decide the same way. Pure: no process, no environment; safe in a web worker.
import type { Locale } from './types';

/**
 * Chinese unless the tag clearly names another language. The users are Chinese civil servants, so
 * an absent tag and the neutral POSIX ones ("C", "C.UTF-8", "POSIX", common on servers and in CI
 * containers) mean Chinese, and so do China's other languages (ug_CN, bo_CN: their readers of official
 * documents read Chinese). English is for English and any other language: it is the only other
 * language there is, and a reader who chose, say, German is likelier to read English than Chinese.
 */
export function localeFromTag(tag: string | null | undefined): Locale {
  const value = (tag ?? '').trim();
  // "en_US.UTF-8@euro" → en, US; "zh-Hans-CN" → zh, CN.
  const [language = '', ...subtags] = value.split(/[.@]/)[0].toLowerCase().split(/[-_]/);
  if (language === '' || language === 'c' || language === 'posix' || language === 'zh') return 'zh-CN';
  if (language !== 'en' && subtags.includes('cn')) return 'zh-CN';
  return 'en';
}

/**
 * The locale of a POSIX environment, for messages: the first of LC_ALL, LC_MESSAGES, LANG that is set
 * (the POSIX precedence), then GNU's LANGUAGE list, which overrides them unless the locale is C/POSIX.
 */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>>): Locale {
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  // Unset, C or POSIX (with any codeset): the C locale, in which gettext ignores LANGUAGE.
  const neutral = /^(c|posix)?([.@]|$)/i.test(posix.trim());
  const first = (env.LANGUAGE ?? '').split(':').find((entry) => entry.trim() !== '');
  if (first !== undefined && !neutral) return localeFromTag(first);
  return localeFromTag(posix);
}
