import { useEffect, useRef, useState } from 'react';

/** The current time by the server's clock (`serverNow` when it was read), ticking once a second so countdowns move. */
export const useNow = (serverNow: string | undefined): number => {
  const skew = useRef(0);
  useEffect(() => {
    if (serverNow) skew.current = Date.parse(serverNow) - Date.now();
  }, [serverNow]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now + skew.current;
};
