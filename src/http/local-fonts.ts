import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';

/** AdminJS's layout asks Google for Roboto; the weights it asks for. */
const GOOGLE_ROBOTO = /<link rel="stylesheet" href="https:\/\/fonts\.googleapis\.com\/css\?family=Roboto:300,400,500,700" type="text\/css">/;
const WEIGHTS = ['300', '400', '500', '700'];

/** Where the fonts are served, under AdminJS's root path (the plugin's admin routes serve them). */
export const FONTS_PATH = '/whatsapp/fonts';

/**
 * Roboto served by the back office itself (the @fontsource/roboto package, SIL Open Font
 * License): on a closed network Google's stylesheet fails to load, and an agent's browser need
 * not tell Google which back office it opens. The files never change for a version: cached long.
 */
export function localFontsRouter(): Router {
  const directory = path.dirname(createRequire(import.meta.url).resolve('@fontsource/roboto/400.css'));
  return express.Router().use(express.static(directory, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
}

/** The page with Google's Roboto link replaced by the local stylesheets (`rootPath` from AdminJS's own page state). */
export function withLocalFonts(html: string): string {
  const rootPath = /"rootPath":"([^"]*)"/.exec(html)?.[1] ?? '/admin';
  const links = WEIGHTS.map((weight) => `<link rel="stylesheet" href="${rootPath}${FONTS_PATH}/${weight}.css" type="text/css">`).join('');
  return html.replace(GOOGLE_ROBOTO, links);
}
