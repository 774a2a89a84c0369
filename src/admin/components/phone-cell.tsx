import React from 'react';
import type { BasePropertyProps } from 'adminjs';

/** A phone number in a list or a record: always left to right, also in Arabic (+213 661…, never 213661+). */
const PhoneCell = ({ record, property }: BasePropertyProps) => {
  const value = record?.params?.[property.path] as unknown;
  return value ? <span dir="ltr">{String(value)}</span> : null;
};

export default PhoneCell;
