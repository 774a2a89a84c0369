import { expect } from 'chai';
import { fillPlaceholders } from '../../../src/domain/canned-placeholders.js';
import { attachmentKindOf, attachmentProblem, MEDIA_SIZE_LIMITS, mediaTypeEssence } from '../../../src/domain/media-rules.js';

describe('attachment rules (Meta\'s types and caps)', () => {
  it('sends pictures, videos and sounds as themselves, anything else as a document', () => {
    expect(attachmentKindOf('image/jpeg')).to.equal('image');
    expect(attachmentKindOf('image/jpg')).to.equal('image');
    expect(attachmentKindOf('video/mp4')).to.equal('video');
    expect(attachmentKindOf('audio/x-m4a')).to.equal('audio');
    expect(attachmentKindOf('audio/ogg; codecs=opus')).to.equal('audio');
    expect(attachmentKindOf('application/pdf')).to.equal('document');
    expect(attachmentKindOf('image/gif')).to.equal('document');
  });

  it('names what Meta would refuse: a type it does not take for that kind, an empty file, a file over the cap', () => {
    expect(attachmentProblem('image', { mimeType: 'image/png', size: MEDIA_SIZE_LIMITS.image })).to.equal(null);
    expect(attachmentProblem('image', { mimeType: 'image/png', size: MEDIA_SIZE_LIMITS.image + 1 })).to.deep.include({ code: 'too-large', maxBytes: MEDIA_SIZE_LIMITS.image });
    expect(attachmentProblem('image', { mimeType: 'image/webp', size: 10 })).to.deep.include({ code: 'unsupported-type', mimeType: 'image/webp' });
    expect(attachmentProblem('document', { mimeType: 'application/zip', size: 10 })).to.deep.include({ code: 'unsupported-type' });
    expect(attachmentProblem('document', { mimeType: 'application/pdf', size: 0 })).to.deep.equal({ code: 'empty' });
    expect(attachmentProblem('audio', { mimeType: 'audio/mp3', size: 10 }), 'a browser\'s name for mpeg').to.equal(null);
    expect(mediaTypeEssence(' Audio/OGG; codecs=opus ')).to.equal('audio/ogg');
  });
});

describe('canned reply placeholders', () => {
  it('fills what it knows, leaves the rest as written and names it, whatever the spacing or case', () => {
    const filled = fillPlaceholders('Bonjour {{ contact.name }}, {{Agent.Name}} ici. Frais : {{crm.fees}} {{crm.fees}}', {
      'contact.name': 'Amina',
      'agent.name': 'Karim',
    });
    expect(filled).to.deep.equal({ text: 'Bonjour Amina, Karim ici. Frais : {{crm.fees}} {{crm.fees}}', missing: ['crm.fees'] });
  });

  it('treats an empty value as missing, and leaves what is not a placeholder alone', () => {
    expect(fillPlaceholders('{{contact.name}}', { 'contact.name': '' }).missing).to.deep.equal(['contact.name']);
    expect(fillPlaceholders('{{not closed {{}}', { 'not': 'x' })).to.deep.equal({ text: '{{not closed {{}}', missing: [] });
  });
});
