// The item list, virtualised: only the rows in view (and a few around them) are
// in the DOM, so 10,000 items open and scroll as fast as 10. Arrow keys move
// the selection, Enter opens it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ItemSummary } from '../../shared/protocol';

export const ROW_HEIGHT = 46;
const OVERSCAN = 6;

interface Props {
  items: ItemSummary[];
  onOpen: (id: string) => void;
  /** Index of the selected row, owned by the parent so the search box can move it too. */
  selected: number;
  onSelect: (index: number) => void;
}

export function ItemList({ items, onOpen, selected, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(380);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setHeight(element.clientHeight || 380);
  }, []);

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const top = selected * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [selected]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = items.slice(first, last);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') onSelect(Math.min(items.length - 1, selected + 1));
    else if (event.key === 'ArrowUp') onSelect(Math.max(0, selected - 1));
    else if (event.key === 'Enter' && items[selected]) onOpen(items[selected]!.id);
    else return;
    event.preventDefault();
  };

  return (
    <div
      class="scroller"
      ref={scroller}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <ul class="items" aria-label="Items" aria-rowcount={items.length} style={{ height: `${items.length * ROW_HEIGHT}px` }}>
        {visible.map((item, offset) => {
          const index = first + offset;
          return (
            <li key={item.id} style={{ top: `${index * ROW_HEIGHT}px` }} aria-setsize={items.length} aria-posinset={index + 1}>
              <button
                type="button"
                class={`item${index === selected ? ' selected' : ''}`}
                tabIndex={index === selected ? 0 : -1}
                onClick={() => onOpen(item.id)}
                onFocus={() => onSelect(index)}
              >
                <span class="item-name">
                  {item.favorite ? '★ ' : ''}
                  {item.name}
                  {item.forCurrentSite && <span class="badge"> this site</span>}
                </span>
                <span class="item-sub">{item.subtitle}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
