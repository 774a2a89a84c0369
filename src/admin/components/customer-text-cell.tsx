import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { CustomerText } from './customer-text.tsx';

/** A list or show cell of text a customer chose (a profile name): isolated, its direction controls shown. */
const CustomerTextCell = ({ record, property }: BasePropertyProps) => {
  const value = record?.params?.[property.path] as unknown;
  return value ? <CustomerText text={String(value)} /> : null;
};

export default CustomerTextCell;
