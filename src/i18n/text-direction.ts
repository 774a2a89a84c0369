/** Right-to-left scripts among the shipped languages. Pure: the browser sets the page's direction with it too. */
export function directionOf(language: string): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}
