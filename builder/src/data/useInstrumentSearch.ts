import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { trpc } from '../api/trpc.ts';

export type InstrumentHit = Awaited<ReturnType<typeof trpc.providers.searchInstruments.query>>['hits'][number];

/**
 * Instruments matching what the user types, across every provider's search (core merges them), 300 ms
 * after the typing stops; nothing is asked for under 1 character.
 */
export function useInstrumentSearch(text: string, enabled: boolean) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  return useQuery({
    queryKey: ['instrument-search', settled],
    queryFn: ({ signal }) => trpc.providers.searchInstruments.query({ text: settled, limit: 30 }, { signal }),
    enabled: enabled && settled.length >= 1,
    staleTime: 5 * 60_000,
  });
}
