import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every user-visible text comes from locales/: a translator must be able to change any word
 * without reading code. This scan fails on English (or any) words written into what a user sees:
 * JSX text, the attributes people read (placeholder, title, aria-label, alt), and notices or
 * errors handlers send to the browser.
 */
const COMPONENTS = 'src/admin/components';

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

const WORDS = /\p{L}{2,}/u;

function findings(file: string, patterns: RegExp[]): string[] {
  const source = readFileSync(file, 'utf8');
  return patterns.flatMap((pattern) =>
    [...source.matchAll(pattern)]
      .filter((match) => WORDS.test(match[1] ?? ''))
      .map((match) => `${file}:${source.slice(0, match.index).split('\n').length}: ${match[0].trim().slice(0, 80)}`),
  );
}

describe('no user-visible literal in code', () => {
  it('components: no words in JSX text or in readable attributes', () => {
    const found = files(COMPONENTS, /\.[jt]sx?$/).flatMap((file) =>
      findings(file, [
        // Text between a tag and a closing tag: `<Button>Send</Button>`.
        />\s*([^<>{}\n`]*?)\s*<\/[A-Za-z]/g,
        // placeholder="Type here", title='…', aria-label="…", alt="…".
        /\b(?:placeholder|title|aria-label|alt|label)=["']([^"']*)["']/g,
      ]),
    );
    expect(found).to.deep.equal([]);
  });

  it('server: notices and errors sent to the browser are message keys, not sentences', () => {
    // The simulator and the sandbox speak for Meta: their texts are Meta's, in Meta's English.
    const found = files('src', /\.ts$/)
      .filter((file) => !file.startsWith(path.join('src', 'app', 'simulate')) && !file.startsWith(path.join('src', 'sandbox')))
      .flatMap((file) =>
      findings(file, [
        // notice: { message: 'Something went wrong' } — a key has no spaces.
        /\bmessage:\s*'([^'\n]*\s[^'\n]*)'/g,
        /new (?:ForbiddenError|ValidationError|NotFoundError|AppError)\(\s*'([^'\n]*\s[^'\n]*)'/g,
      ]),
    );
    expect(found).to.deep.equal([]);
  });

  it('catches a literal when there is one (the scan itself)', () => {
    const literal = '<Button>Send now</Button> <Input placeholder="Type here" />';
    const matches = [/>\s*([^<>{}\n`]*?)\s*<\/[A-Za-z]/g, /\b(?:placeholder|title|aria-label|alt|label)=["']([^"']*)["']/g].flatMap((p) =>
      [...literal.matchAll(p)].filter((m) => WORDS.test(m[1] ?? '')),
    );
    expect(matches.map((m) => m[1])).to.deep.equal(['Send now', 'Type here']);
  });
});
