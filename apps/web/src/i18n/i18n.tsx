import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { CATALOG } from './catalog';
import type { Locale } from './messages';

const STORAGE_KEY = 'docket.locale';

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  /** The message for `key`, with `{name}` placeholders filled from `values`; the key itself when missing. */
  readonly t: (key: string, values?: Readonly<Record<string, string | number>>) => string;
  /** Dates and times as people of the locale write them, in Beijing time (the agencies' legal time zone). */
  readonly formatDateTime: (iso: string) => string;
  readonly formatDate: (iso: string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLocale(): Locale {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const tag = locale === 'zh' ? 'zh-CN' : 'en-GB';
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
    return {
      locale,
      setLocale,
      t: (key, values) => {
        const message = CATALOG[key]?.[locale] ?? key;
        return values === undefined
          ? message
          : message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
      },
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
      formatDate: (iso) => date.format(new Date(iso)),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (context === undefined) {
    throw new Error('useI18n outside <I18nProvider>');
  }
  return context;
}
