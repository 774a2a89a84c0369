import { expect } from 'chai';
import { checkAnswer } from '../../../src/assistant/answer-guard.js';
import { answerPrompt, RULES } from '../../../src/assistant/assistant-prompt.js';
import { asksForHuman, handoverKeywords, matchedKeyword } from '../../../src/domain/assistant-handover.js';
import { citedPassages, passagesOf, withoutCitations } from '../../../src/domain/assistant-prompt.js';
import { chunkText } from '../../../src/domain/knowledge-chunks.js';
import { fakeModelAnswer } from '../../../src/sandbox/fake-model-answers.js';

const passage = (number: number, content: string) => ({ number, content, chunkId: `c${number}`, knowledgeBaseId: 'k', score: 1 });

describe('assistant: knowledge chunks', () => {
  it('keeps paragraphs whole, joins small neighbours and cuts a long one at sentence ends', () => {
    expect(chunkText('Title\n\nShort text.', 900)).to.deep.equal(['Title\n\nShort text.']);
    const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const chunks = chunkText(long, 200);
    expect(chunks.every((chunk) => chunk.length <= 200)).to.equal(true);
    expect(chunks.join(' ')).to.equal(long);
    expect(chunks.every((chunk) => chunk.endsWith('.'))).to.equal(true);
  });

  it('cuts a sentence longer than a passage at a space', () => {
    const word = 'mot '.repeat(100).trim();
    expect(chunkText(word, 50).every((chunk) => chunk.length <= 50 && !chunk.startsWith(' '))).to.equal(true);
  });
});

describe('assistant: the prompt contract', () => {
  it('numbers the passages, and the fake model reads them back', () => {
    const { request, canary } = answerPrompt({ instructions: 'Speak for École Ibn Khaldoun.', passages: [passage(1, 'Fees are\n15,000 DA.')], turns: [{ role: 'user', content: 'fees?' }] });
    expect(request.system.split('\n').slice(0, RULES.length)).to.deep.equal(RULES);
    expect(request.system).to.contain(canary).and.contain('Speak for École Ibn Khaldoun.');
    expect(passagesOf(request.system)).to.deep.equal([{ number: 1, text: 'Fees are 15,000 DA.' }]);
    expect(fakeModelAnswer([{ role: 'system', content: request.system }, { role: 'user', content: 'What are the fees?' }])).to.equal('Fees are 15,000 DA. [1]');
    expect(fakeModelAnswer([{ role: 'system', content: request.system }, { role: 'user', content: 'Do you sell cars?' }])).to.equal('NO_ANSWER');
  });

  it('reads and removes citations', () => {
    expect(citedPassages('Yes [2], and [1, 3].')).to.deep.equal([1, 2, 3]);
    expect(withoutCitations('Yes [2], and no [1, 3].')).to.equal('Yes, and no.');
  });
});

describe('assistant: the answer guard', () => {
  const passages = [passage(1, 'Delivery costs 500 DA. Call 0555 12 34 56 or see https://shop.example/delivery')];
  const check = (answer: string, requireCitation = true) => checkAnswer(answer, { passages, canary: 'ref-abc', requireCitation });

  it('lets a cited answer through, its citation removed, with a link and a number the passage holds', () => {
    expect(check('Delivery is 500 DA, call 0555123456 or see https://shop.example/delivery [1]')).to.deep.equal({
      ok: true, text: 'Delivery is 500 DA, call 0555123456 or see https://shop.example/delivery',
    });
  });

  it('refuses NO_ANSWER, a leaked prompt, an uncited answer, and a link or number from nowhere', () => {
    expect(check('NO_ANSWER')).to.include({ ok: false, reason: 'no_passage' });
    expect(check('My reference is ref-abc [1]')).to.include({ ok: false, reason: 'unsafe_answer' });
    expect(check(`${RULES[1]} [1]`)).to.include({ ok: false, reason: 'unsafe_answer' });
    expect(check('Delivery is free')).to.include({ ok: false, reason: 'unsafe_answer' });
    expect(check('Delivery is free', false)).to.deep.equal({ ok: true, text: 'Delivery is free' });
    expect(check('Pay at https://evil.example [1]')).to.include({ ok: false, reason: 'unsafe_answer' });
    expect(check('Call +213 661 22 33 44 [1]')).to.include({ ok: false, reason: 'unsafe_answer' });
  });
});

describe('assistant: hand-over words', () => {
  it('hears a request for a person in English, French and Arabic, whatever the accents and letter forms', () => {
    for (const text of ['Can I talk to a real person?', 'je veux parler à un CONSEILLER', 'Je voudrais parler a quelqu’un', 'أريد التحدث مع موظف', 'ممكن خدمة العملاء']) {
      expect(asksForHuman(text), text).to.equal(true);
    }
    for (const text of ['What are your hours?', 'humanitarian aid?', 'Quels sont vos horaires ?', 'ما هي الأسعار؟']) {
      expect(asksForHuman(text), text).to.equal(false);
    }
  });

  it('matches the business keywords as words, folded like the inbox search', () => {
    const keywords = handoverKeywords('Remboursement, plainte\nاسترجاع');
    expect(matchedKeyword('Je veux un remboursement !', keywords)).to.equal('remboursement');
    expect(matchedKeyword('أريد إسترجاع المبلغ', keywords)).to.equal('استرجاع');
    expect(matchedKeyword('remboursements', keywords)).to.equal(null);
  });
});
