import './prefetch';
import { sendRequest } from '../shared/messaging';
import { applyTheme } from './theme';
import { render } from 'preact';
import { App } from './app';

render(<App />, document.getElementById('app')!);

// A chosen theme applies as soon as settings answer; until then the system's shows.
void sendRequest('settings.get', {}).then(({ theme }) => applyTheme(theme)).catch(() => undefined);
