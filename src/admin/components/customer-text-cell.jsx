import React from 'react';
import CustomerText from './customer-text.jsx';

// A list or show cell of text a customer chose (a profile name): isolated, its direction controls shown.
const CustomerTextCell = ({ record, property }) => {
  const value = record?.params?.[property.path];
  return value ? <CustomerText text={String(value)} /> : null;
};

export default CustomerTextCell;
