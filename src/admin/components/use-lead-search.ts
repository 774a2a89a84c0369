import { useEffect, useState } from 'react';
import type { LeadSummary } from '../../conversations/search-leads.js';

const SEARCH_DELAY_MS = 250;

/** Leads matching what is typed, searched once typing pauses; null until the first answer. */
export const useLeadSearch = (search: (q: string) => Promise<LeadSummary[] | undefined>) => {
  const [q, setQ] = useState('');
  const [leads, setLeads] = useState<LeadSummary[] | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void search(q).then((found) => current && setLeads(found ?? []));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);
  return { q, setQ, leads };
};
