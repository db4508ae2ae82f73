// Reading and writing the clipboard from an extension document without focus
// (Firefox's event page, Chrome's offscreen document), where the async
// Clipboard API is not available: execCommand with the clipboard permissions.

export interface Clipboard {
  read(): Promise<string>;
  write(text: string): Promise<void>;
}

export function documentClipboard(doc: Document): Clipboard {
  return {
    read: async () => {
      const area = doc.createElement('textarea');
      doc.body.append(area);
      try {
        area.focus();
        doc.execCommand('paste');
        return area.value;
      } finally {
        area.remove();
      }
    },
    write: async (text) => {
      // A copy handler sets the data itself, so even an empty string is written.
      const onCopy = (event: ClipboardEvent) => {
        event.clipboardData?.setData('text/plain', text);
        event.preventDefault();
      };
      doc.addEventListener('copy', onCopy, { once: true });
      try {
        doc.execCommand('copy');
      } finally {
        doc.removeEventListener('copy', onCopy);
      }
    },
  };
}
