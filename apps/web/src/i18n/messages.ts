/** One message in both languages the console speaks. Simplified Chinese is the default. */
export type Message = { readonly zh: string; readonly en: string };
export type Messages = Readonly<Record<string, Message>>;
export type Locale = 'zh' | 'en';
