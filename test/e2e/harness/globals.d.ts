// Extension namespaces as seen from code the tests evaluate inside extension pages:
// the tests call a few APIs on them and check the answers, so their shape is left open.
interface ExtensionNamespaceForTests {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: Record<string, { get(keys: null): Promise<Record<string, unknown>> }>;
  alarms: { get(name: string): Promise<unknown> };
}
declare const chrome: ExtensionNamespaceForTests;
declare const browser: ExtensionNamespaceForTests;

/** The toolbar button's API, as the toolbar test reads it. */
interface ToolbarApi {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string>; getTitle(details: object): Promise<string> };
}
