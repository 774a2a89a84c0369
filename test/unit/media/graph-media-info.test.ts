import { expect } from 'chai';
import { graphFailure } from '../../../src/cloud-api/graph-media-info.js';

describe('graphFailure', () => {
  it('retries outages and rate limits', () => {
    for (const [status, code] of [[500, undefined], [503, 2], [429, 4], [400, 80007], [400, 130429], [400, 131016], [400, 1]] as const) {
      const body = code === undefined ? undefined : { error: { code, message: 'x' } };
      expect(graphFailure(status, body), `${status}/${code}`).to.include({ reason: 'graph-error', retryable: true });
    }
  });

  it('gives up on a media id Meta no longer knows, and on token or permission problems', () => {
    expect(graphFailure(400, { error: { code: 100, error_subcode: 33, message: 'Unsupported get request.' } })).to.include({
      reason: 'media-unavailable',
      retryable: false,
    });
    expect(graphFailure(401, { error: { code: 190, message: 'Error validating access token' } })).to.include({ reason: 'graph-error', retryable: false });
    expect(graphFailure(403, { error: { code: 10 } })).to.include({ reason: 'graph-error', retryable: false });
  });

  it("says what Meta answered, code and message", () => {
    expect(graphFailure(400, { error: { code: 100, message: 'Unsupported get request.' } }).message).to.equal(
      'GET /{media-id} answered 400 (code 100): Unsupported get request.',
    );
  });
});
