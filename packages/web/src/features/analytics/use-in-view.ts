import { useEffect, useState, type RefObject } from 'react';

/**
 * True once the element has come within `margin` of the viewport (and from then on), so the
 * dashboard asks for a measure's chart only when someone scrolls near it. Without
 * IntersectionObserver (old browsers, jsdom) it is true at once.
 */
export function useInView(ref: RefObject<Element | null>, margin = '400px'): boolean {
  const [isInView, setInView] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (isInView || !ref.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setInView(true);
          observer.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [isInView, ref, margin]);
  return isInView;
}
