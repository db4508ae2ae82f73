// The isolated-world content script, in every frame. It runs on every page, so
// until a person focuses a field or a field appears it only listens.
import { AutofillController } from './autofill-controller';

// Sandboxed frames have an opaque origin: nothing may be filled there.
if (window.origin !== 'null') new AutofillController().start();
