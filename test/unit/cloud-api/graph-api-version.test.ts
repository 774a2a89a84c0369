import { expect } from 'chai';
import { DEFAULT_GRAPH_BASE_URL, GRAPH_API_VERSION, graphBaseUrl } from '../../../src/cloud-api/graph-api-version.js';

describe('graphBaseUrl', () => {
  it("is Meta's host at the pinned version when nothing is configured", () => {
    expect(DEFAULT_GRAPH_BASE_URL).to.equal(`https://graph.facebook.com/${GRAPH_API_VERSION}`);
    expect(graphBaseUrl()).to.equal(DEFAULT_GRAPH_BASE_URL);
    expect(graphBaseUrl('  ')).to.equal(DEFAULT_GRAPH_BASE_URL);
  });

  it('appends the pinned version to a configured host, and keeps a version the URL already has', () => {
    expect(graphBaseUrl('http://127.0.0.1:4010/')).to.equal(`http://127.0.0.1:4010/${GRAPH_API_VERSION}`);
    expect(graphBaseUrl('https://graph.facebook.com/v24.0')).to.equal('https://graph.facebook.com/v24.0');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => graphBaseUrl('ftp://graph.example')).to.throw(/http/);
    expect(() => graphBaseUrl('graph.facebook.com')).to.throw();
  });
});
