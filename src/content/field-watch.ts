// Notices input fields that appear after load (page apps switch views without
// navigating). One MutationObserver, batched per frame: a mutation costs a
// type check per added node; work happens only when an input was added.

const BATCH_DELAY_MS = 60;

export class FieldWatch {
  private observer: MutationObserver | null = null;
  private pending = new Set<HTMLInputElement>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly onFields: (inputs: HTMLInputElement[]) => void) {}

  start(): void {
    if (this.observer) return;
    this.observer = new MutationObserver((records) => this.collect(records));
    this.observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['type', 'style', 'class', 'hidden', 'aria-hidden'] });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.timer) clearTimeout(this.timer);
    this.pending.clear();
  }

  private collect(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'attributes') {
        // A field that was there all along but just became visible (a view switch by CSS).
        if (record.target instanceof HTMLInputElement) this.pending.add(record.target);
        else if (record.target instanceof Element && record.attributeName !== 'type') this.addInputsUnder(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node instanceof HTMLInputElement) this.pending.add(node);
        else if (node instanceof Element) this.addInputsUnder(node);
      }
    }
    if (this.pending.size > 0 && !this.timer) this.timer = setTimeout(() => this.flush(), BATCH_DELAY_MS);
  }

  private addInputsUnder(element: Element): void {
    // getElementsByTagName is a live, cached collection: cheap when there are none.
    const inputs = element.getElementsByTagName('input');
    for (let i = 0; i < inputs.length; i++) this.pending.add(inputs[i]!);
  }

  private flush(): void {
    this.timer = null;
    const inputs = [...this.pending].filter((input) => input.isConnected);
    this.pending.clear();
    if (inputs.length > 0) this.onFields(inputs);
  }
}
