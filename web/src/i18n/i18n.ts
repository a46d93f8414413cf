import i18next from 'i18next';
import en from './en.json';

/** The languages the dashboard speaks, and the direction each is written in. */
export const LANGUAGES = { en: 'ltr', ar: 'rtl' } as const;
export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'tandem.lang';

function isLanguage(value: string | null | undefined): value is Language {
  return value === 'en' || value === 'ar';
}

/** A remembered choice wins; otherwise the browser's first preferred language we speak. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Sets <html lang dir> so the whole layout mirrors in Arabic. */
function applyToDocument(lang: Language): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = LANGUAGES[lang];
}

/** English is bundled (it is the fallback); Arabic is fetched the first time it is needed. */
async function ensureCatalogue(lang: Language): Promise<void> {
  if (lang === 'en' || i18next.hasResourceBundle(lang, 'translation')) return;
  const { default: messages } = await import('./ar.json');
  i18next.addResourceBundle(lang, 'translation', messages);
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  await i18next.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false }, // Preact escapes text itself
    returnNull: false,
  });
  await ensureCatalogue(lng);
  await i18next.changeLanguage(lng);
  applyToDocument(lng);
}

/** Switch language, remember it on this device. */
export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await ensureCatalogue(lang);
  await i18next.changeLanguage(lang);
  applyToDocument(lang);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

export const t = i18next.t.bind(i18next);
