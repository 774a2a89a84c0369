/*
 * Knowledge text cut into passages a model can be given a few of: paragraphs kept whole when
 * they fit, long ones cut at sentence ends, and a sentence longer than a passage cut at a space.
 * Small neighbouring paragraphs share a passage, so a heading stays with its text.
 */

/** About 200 tokens: five passages fit a small model's prompt with the conversation. */
export const CHUNK_CHARACTERS = 900;

export function chunkText(text: string, size = CHUNK_CHARACTERS): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current) chunks.push(current);
    current = '';
  };
  for (const paragraph of paragraphs) {
    for (const piece of piecesOf(paragraph, size)) {
      if (current && current.length + 2 + piece.length > size) flush();
      current = current ? `${current}\n\n${piece}` : piece;
    }
  }
  flush();
  return chunks;
}

function piecesOf(paragraph: string, size: number): string[] {
  if (paragraph.length <= size) return [paragraph];
  const sentences = paragraph.match(/[^.!?؟。]+[.!?؟。]*\s*/g) ?? [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences.flatMap((s) => cutAtSpaces(s.trim(), size))) {
    if (current && current.length + 1 + sentence.length > size) {
      pieces.push(current);
      current = '';
    }
    current = current ? `${current} ${sentence}` : sentence;
  }
  if (current) pieces.push(current);
  return pieces;
}

function cutAtSpaces(sentence: string, size: number): string[] {
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > size) {
    const space = rest.lastIndexOf(' ', size);
    const cut = space > size / 2 ? space : size;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
