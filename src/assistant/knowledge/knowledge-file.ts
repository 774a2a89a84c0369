import { parse } from 'csv-parse/sync';
import type { KnowledgeFileKind } from '../../domain/assistant-modes.js';
import { Refusal } from '../../domain/refusal.js';
import { assistantRefusal } from '../assistant-refusal.js';
import { extractPdfText } from './extract-pdf-text.js';

/** A PDF of a few hundred pages; a CSV of thousands of rows. Larger files are refused before they are read. */
export const MAX_KNOWLEDGE_FILE_BYTES = 10 * 1024 * 1024;

export interface KnowledgeFileContent {
  kind: KnowledgeFileKind;
  /** The document's text (for a CSV, its rows as read). */
  text: string;
  /** A CSV's rows as entries. */
  entries: { question: string; answer: string }[];
}

/** The kind of a file by its name (and type, for a name without extension). */
export function knowledgeFileKind(fileName: string, mimeType = ''): KnowledgeFileKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv' || mimeType === 'text/csv') return 'csv';
  if (extension === 'md' || extension === 'markdown' || mimeType === 'text/markdown') return 'markdown';
  if (extension === 'pdf' || mimeType === 'application/pdf') return 'pdf';
  if (extension === 'txt' || mimeType === 'text/plain') return 'text';
  return null;
}

/** Reads an uploaded file; refused when it cannot be read or holds no text. */
export async function readKnowledgeFile(kind: KnowledgeFileKind, data: Buffer): Promise<KnowledgeFileContent> {
  const content = await contentOf(kind, data).catch((error: unknown) => {
    if (error instanceof Refusal) throw error;
    throw assistantRefusal('file-unreadable', { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  });
  if (!content.text.trim() && content.entries.length === 0) throw assistantRefusal('file-empty');
  return content;
}

async function contentOf(kind: KnowledgeFileKind, data: Buffer): Promise<KnowledgeFileContent> {
  switch (kind) {
    case 'pdf':
      return { kind, text: await extractPdfText(data), entries: [] };
    case 'markdown':
      return { kind, text: markdownAsText(utf8(data)), entries: [] };
    case 'text':
      return { kind, text: utf8(data), entries: [] };
    case 'csv': {
      const entries = csvEntries(utf8(data));
      return { kind, text: entries.map((entry) => `${entry.question}\n${entry.answer}`).join('\n\n'), entries };
    }
  }
}

function utf8(data: Buffer): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
}

const QUESTION_HEADERS = ['question', 'questions', 'q', 'sujet', 'سؤال', 'السؤال'];
const ANSWER_HEADERS = ['answer', 'answers', 'a', 'reponse', 'réponse', 'جواب', 'الجواب', 'إجابة', 'الإجابة', 'اجابة'];

/**
 * Each row an entry. With `question` and `answer` columns (in English, French or Arabic), those;
 * otherwise the first column is the question and the other columns, as `header: value`, the
 * answer (a price list, a catalogue, opening hours by branch).
 */
function csvEntries(text: string): { question: string; answer: string }[] {
  const delimiter = firstLine(text).split(';').length > firstLine(text).split(',').length ? ';' : ',';
  const rows = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  const [header, ...body] = rows;
  if (!header || body.length === 0) return [];
  const lower = header.map((cell) => cell.toLowerCase());
  const questionAt = lower.findIndex((cell) => QUESTION_HEADERS.includes(cell));
  const answerAt = lower.findIndex((cell) => ANSWER_HEADERS.includes(cell));
  return body
    .map((row) => {
      if (questionAt >= 0 && answerAt >= 0) return { question: row[questionAt] ?? '', answer: row[answerAt] ?? '' };
      const answer = header
        .slice(1)
        .map((name, index) => (row[index + 1] ? `${name}: ${row[index + 1]}` : ''))
        .filter(Boolean)
        .join('\n');
      return { question: row[0] ?? '', answer };
    })
    .filter((entry) => entry.question.trim() !== '' && entry.answer.trim() !== '');
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** Markdown read as text: headings, emphasis, links and images kept as their words; code fences dropped as marks only. */
function markdownAsText(markdown: string): string {
  return markdown
    .replace(/^```.*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '- ')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s*([-*_]\s*){3,}$/gm, '');
}
