import { expect } from 'chai';

/** The error `promise` rejected with, checked to be an `ErrorClass`; the test fails if it resolved. */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, ErrorClass: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ErrorClass);
    return error as E;
  }
  throw new Error(`expected a ${ErrorClass.name}, but the promise resolved`);
}
