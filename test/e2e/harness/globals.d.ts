// Extension namespaces as seen from code the tests evaluate inside extension pages.
declare const chrome: any;
declare const browser: any;
