/**
 * AdminJS renders its pages (frontend/layout-template.js) with two inline scripts: one assigns
 * the store's state and the theme as `JSON.stringify` output, the other starts the app. JSON
 * does not escape `<`, so a stored value holding `</script><script>…` (an admin's name) ends the
 * first script and starts one of its own.
 *
 * Under a strict Content-Security-Policy, inline scripts run only with the response's nonce.
 * This rewrites the page AdminJS produced: every `<` inside those JSON values becomes `\u003c`
 * (the same string to JavaScript, never markup to the HTML parser; outside strings JSON has no
 * `<`), and only then are the page's own inline `<script>` tags given the nonce — after the
 * rewrite, no stored text can open a tag, so every bare `<script>` left is AdminJS's. A hash of
 * each script would work too, but the state script differs on every response, so it costs the
 * same as a nonce and is more fragile across AdminJS versions.
 */
const ASSIGNED_JSON = /window\.(?:REDUX_STATE|THEME) = /g;

export function isAdminJsLayout(html: string): boolean {
  return html.includes('window.REDUX_STATE = ');
}

export function withScriptNonce(html: string, nonce: string): string {
  let safe = '';
  let from = 0;
  for (const match of html.matchAll(ASSIGNED_JSON)) {
    const start = match.index + match[0].length;
    if (start < from) continue;
    const end = jsonValueEnd(html, start);
    safe += html.slice(from, start) + html.slice(start, end).replace(/</g, '\\u003c');
    from = end;
  }
  safe += html.slice(from);
  return safe.replace(/<script>/g, `<script nonce="${nonce}">`);
}

/** Where the JSON value starting at `start` ends (JSON.stringify output: strings escaped, brackets balanced). */
function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === ';' || c === '\n')) return i;
  }
  return text.length;
}
