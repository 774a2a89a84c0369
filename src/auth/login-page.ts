import type { VisitorLanguage } from '../i18n/server-translator.js';
import { directionOf } from '../i18n/text-direction.js';
import escapeHtml from 'escape-html';

/**
 * The login page: plain server-rendered HTML in the visitor's language; every interpolated value
 * is escaped. `error` is an already translated text.
 */
export function renderLoginPage(page: VisitorLanguage, options: { action: string; email?: string; error?: string }): string {
  const { t } = page;
  const title = escapeHtml(t('login.title'));
  return `<!doctype html>
<html lang="${page.language}" dir="${directionOf(page.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f6f8;display:flex;min-height:100vh;align-items:center;justify-content:center;margin:0}
form{background:#fff;padding:32px;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08);width:320px}
h1{font-size:20px;margin:0 0 24px}label{display:block;font-size:13px;margin:12px 0 4px;color:#454655}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #c0c0ca;border-radius:4px;font-size:14px}
button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:4px;background:#128c7e;color:#fff;font-size:15px;cursor:pointer}
.error{background:#fdecea;color:#b3261e;padding:10px;border-radius:4px;font-size:13px}
</style></head>
<body><form method="post" action="${escapeHtml(options.action)}">
<h1>${title}</h1>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<label for="email">${escapeHtml(t('login.email'))}</label><input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}">
<label for="password">${escapeHtml(t('login.password'))}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(t('login.submit'))}</button>
</form></body></html>`;
}

export function renderLogoutPage(page: VisitorLanguage, action: string): string {
  const label = escapeHtml(page.t('login.signOut'));
  return `<!doctype html><html lang="${page.language}" dir="${directionOf(page.language)}"><head><meta charset="utf-8"><title>${label}</title></head>
<body style="font-family:system-ui,sans-serif;display:flex;min-height:100vh;align-items:center;justify-content:center">
<form method="post" action="${escapeHtml(action)}"><button type="submit" style="padding:10px 24px">${label}</button></form></body></html>`;
}
