import { expect } from 'chai';
import fc from 'fast-check';
import {
  canAdvance,
  DELIVERY_STATUSES,
  statusesAdvanceableTo,
  statusTimestampColumn,
  storedStatus,
  type DeliveryStatus,
} from '../../../src/domain/status-rank.js';

/** Apply reports one by one the way the processor does: only forward moves, played stored as read. */
function applyAll(initial: DeliveryStatus, reports: readonly DeliveryStatus[]): DeliveryStatus {
  return reports.reduce<DeliveryStatus>((current, next) => (canAdvance(current, next) ? storedStatus(next) : current), initial);
}

describe('status ranks', () => {
  // Row: current status; columns: the next statuses it may take.
  const allowed: Record<DeliveryStatus, DeliveryStatus[]> = {
    queued: ['sending', 'unknown', 'sent', 'delivered', 'read', 'played', 'failed'],
    sending: ['unknown', 'sent', 'delivered', 'read', 'played', 'failed'],
    unknown: ['sent', 'delivered', 'read', 'played', 'failed'],
    sent: ['delivered', 'read', 'played', 'failed'],
    delivered: ['read', 'played', 'failed'],
    read: ['failed'],
    played: ['failed'],
    failed: [],
  };
  for (const current of DELIVERY_STATUSES) {
    for (const next of DELIVERY_STATUSES) {
      const expected = allowed[current].includes(next);
      it(`${current} → ${next}: ${expected ? 'advances' : 'stays'}`, () => {
        expect(canAdvance(current, next)).to.equal(expected);
      });
    }
  }

  it('never lets a late delivered overwrite read', () => {
    expect(applyAll('sent', ['read', 'delivered'])).to.equal('read');
  });

  it('keeps failed once reached', () => {
    expect(applyAll('sent', ['failed', 'sent', 'delivered', 'read'])).to.equal('failed');
  });

  it('stores played as read, and read after played changes nothing', () => {
    expect(applyAll('sent', ['played'])).to.equal('read');
    expect(canAdvance(storedStatus('played'), 'read')).to.equal(false);
  });

  it('ignores statuses it does not know, in either position', () => {
    expect(canAdvance('sent', 'deleted')).to.equal(false);
    expect(canAdvance('received', 'read')).to.equal(false);
    expect(statusesAdvanceableTo('deleted')).to.deep.equal([]);
  });

  it('lists the stored statuses a report may move from, for a conditional update', () => {
    expect(statusesAdvanceableTo('delivered')).to.deep.equal(['queued', 'sending', 'unknown', 'sent']);
    expect(statusesAdvanceableTo('played')).to.deep.equal(['queued', 'sending', 'unknown', 'sent', 'delivered']);
    expect(statusesAdvanceableTo('failed')).to.deep.equal(['queued', 'sending', 'unknown', 'sent', 'delivered', 'read']);
    expect(statusesAdvanceableTo('queued')).to.deep.equal([]);
  });

  it('gives the same final status whatever the order and duplication of the reports', () => {
    const webhookStatus = fc.constantFrom<DeliveryStatus>('sent', 'delivered', 'read', 'played', 'failed');
    fc.assert(
      fc.property(
        fc.constantFrom<DeliveryStatus>('queued', 'sending', 'unknown', 'sent'),
        fc.array(fc.record({ status: webhookStatus, copies: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 24 }),
        (initial, reports, sortKeys) => {
          const inOrder = reports
            .map((report) => report.status)
            .sort((a, b) => DELIVERY_STATUSES.indexOf(a) - DELIVERY_STATUSES.indexOf(b));
          const redelivered = reports
            .flatMap((report) => Array.from({ length: report.copies }, () => report.status))
            .map((status, index) => ({ status, key: sortKeys[index % sortKeys.length]! + index / 1000 }))
            .sort((a, b) => a.key - b.key)
            .map((delivery) => delivery.status);
          expect(applyAll(initial, redelivered)).to.equal(applyAll(initial, inOrder));
        },
      ),
    );
  });

  describe('timestamp columns', () => {
    const expected: Record<string, string | null> = {
      queued: 'queued_at',
      sending: 'sending_at',
      unknown: null,
      sent: 'sent_at',
      delivered: 'delivered_at',
      read: 'read_at',
      played: 'read_at',
      failed: 'failed_at',
      received: null,
      deleted: null,
    };
    for (const [status, column] of Object.entries(expected)) {
      it(`${status} → ${column}`, () => {
        expect(statusTimestampColumn(status)).to.equal(column);
      });
    }
  });
});
